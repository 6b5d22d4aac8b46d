using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Infrastructure.Tests.Identity;

/// <summary>The server-side session store: idle timeout, absolute lifetime, activity, and ending on the server.</summary>
public sealed class UserSessionsTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private TestApp _app = null!;
    private string _userId = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync(services => services.AddSingleton<TimeProvider>(_clock));
        _userId = (await _app.AddUserAsync("zhuoma", Roles.Auditor)).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private UserSessions Sessions => _app.Scope().ServiceProvider.GetRequiredService<UserSessions>();

    [Fact]
    public async Task Activity_keeps_a_session_open_and_thirty_idle_minutes_end_it()
    {
        var id = await Sessions.StartAsync(_userId);
        for (var i = 0; i < 20; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await Sessions.IsActiveAsync(id, _userId, activity: true), $"after {(i + 1) * 20} active minutes");
            if ((i + 1) * 20 >= 7 * 60)
            {
                break;
            }
        }

        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await Sessions.IsActiveAsync(id, _userId, activity: true));
        Assert.Equal(SessionEndReason.IdleTimeout, await ReasonAsync(id));
    }

    [Fact]
    public async Task A_background_check_is_no_activity()
    {
        var id = await Sessions.StartAsync(_userId);
        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await Sessions.IsActiveAsync(id, _userId, activity: false));
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(await Sessions.IsActiveAsync(id, _userId, activity: false));
    }

    [Fact]
    public async Task However_active_a_session_ends_after_its_absolute_lifetime()
    {
        var id = await Sessions.StartAsync(_userId);
        for (var minutes = 0; minutes < 8 * 60; minutes += 15)
        {
            _clock.Advance(TimeSpan.FromMinutes(15));
            await Sessions.IsActiveAsync(id, _userId, activity: true);
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await Sessions.IsActiveAsync(id, _userId, activity: true));
        Assert.Equal(SessionEndReason.LifetimeExpired, await ReasonAsync(id));
    }

    [Fact]
    public async Task Ending_on_the_server_refuses_the_session_and_a_session_belongs_to_one_user()
    {
        var first = await Sessions.StartAsync(_userId);
        var second = await Sessions.StartAsync(_userId);
        Assert.False(await Sessions.IsActiveAsync(first, "someone-else", activity: true));

        await Sessions.EndAsync(first, SessionEndReason.SignedOut);
        Assert.False(await Sessions.IsActiveAsync(first, _userId, activity: true));
        Assert.True(await Sessions.IsActiveAsync(second, _userId, activity: true));

        await Sessions.EndAllAsync(_userId, SessionEndReason.AccountDeactivated);
        Assert.False(await Sessions.IsActiveAsync(second, _userId, activity: true));
        Assert.Equal(SessionEndReason.AccountDeactivated, await ReasonAsync(second));
        Assert.False(await Sessions.IsActiveAsync(null, _userId, activity: true));
    }

    private async Task<SessionEndReason?> ReasonAsync(string id)
    {
        await using var db = await _app.DbAsync();
        return await db.UserSessions.Where(s => s.Id == id).Select(s => s.EndReason).SingleAsync();
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
