using Diqing.Procurement.Application.Features.Account;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Account;

public sealed class SignInTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await TestApp.CreateAsync(services =>
        {
            services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        await using var scope = _app.Scope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        return await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(userName, password, rememberMe: false);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        await _app.AddUserAsync("gesang", Roles.Judge);

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(SignInOutcome.Failed, await SignInAsync("gesang", "Wrong-password-1"));
        }

        Assert.Equal(SignInOutcome.LockedOut, await SignInAsync("gesang", "Wrong-password-1"));
        Assert.Equal(SignInOutcome.LockedOut, await SignInAsync("gesang", TestApp.Password));

        await using var db = await _app.DbAsync();
        var user = await db.Users.SingleAsync(u => u.UserName == "gesang");
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var events = await db.AuditEntries.Where(e => e.EntityType == SignInHandler.Subject && e.UserName == "gesang").Select(e => e.Action).ToListAsync();
        // Four plain failures, the fifth failure that locks, then the refused correct password.
        Assert.Equal(6, events.Count(a => a == AuditAction.LoginFailed));
        Assert.Equal(1, events.Count(a => a == AuditAction.LockedOut));
        Assert.DoesNotContain(AuditAction.LoginSucceeded, events);
    }

    [Fact]
    public async Task Success_and_unknown_users_are_audit_events()
    {
        await _app.AddUserAsync("dawa", Roles.Auditor);

        Assert.Equal(SignInOutcome.Succeeded, await SignInAsync("dawa", TestApp.Password));
        Assert.Equal(SignInOutcome.Failed, await SignInAsync("nobody", "Whatever123"));

        await using var db = await _app.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.LoginSucceeded && e.UserName == "dawa"));
        var unknown = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.LoginFailed && e.UserName == "nobody");
        Assert.Contains("UnknownUser", unknown.Changes);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_even_with_the_right_password()
    {
        var user = await _app.AddUserAsync("lamu", Roles.FinanceOfficer);
        await using (var scope = _app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var loaded = (await users.FindByIdAsync(user.Id))!;
            loaded.IsDeactivated = true;
            await users.UpdateAsync(loaded);
        }

        Assert.Equal(SignInOutcome.NotAllowed, await SignInAsync("lamu", TestApp.Password));
    }
}
