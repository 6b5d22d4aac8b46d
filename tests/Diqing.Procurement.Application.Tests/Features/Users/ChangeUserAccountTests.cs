using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Users;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Users;

public sealed class ChangeUserAccountTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private ApplicationUser _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _admin = await _app.AddUserAsync("admin1", Roles.Administrator);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ChangeUserAccountHandler Actions => _app.As<ChangeUserAccountHandler>(Roles.Administrator, userName: "admin1");

    private async Task<ApplicationUser> ReloadAsync(string id)
    {
        await using var scope = _app.Scope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!;
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_deactivated_or_locked()
    {
        Assert.Equal("User.LastAdministrator", (await Assert.ThrowsAsync<DomainException>(() => Actions.DeactivateAsync(_admin.Id))).Code);
        Assert.Equal("User.LastAdministrator", (await Assert.ThrowsAsync<DomainException>(() => Actions.LockAsync(_admin.Id))).Code);
        Assert.False((await ReloadAsync(_admin.Id)).IsDeactivated);
    }

    [Fact]
    public async Task An_administrator_can_be_deactivated_while_another_is_active_but_not_the_last_one()
    {
        var second = await _app.AddUserAsync("admin2", Roles.Administrator);

        await Actions.DeactivateAsync(second.Id);

        Assert.True((await ReloadAsync(second.Id)).IsDeactivated);
        await Assert.ThrowsAsync<DomainException>(() => Actions.DeactivateAsync(_admin.Id));
    }

    [Fact]
    public async Task Lock_and_unlock_change_the_lockout()
    {
        var judge = await _app.AddUserAsync("judge1", Roles.Judge);

        await Actions.LockAsync(judge.Id);
        await using (var scope = _app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(judge.Id))!));
        }

        await Actions.UnlockAsync(judge.Id);
        await using (var scope = _app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.False(await users.IsLockedOutAsync((await users.FindByIdAsync(judge.Id))!));
        }
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one()
    {
        var judge = await _app.AddUserAsync("judge2", Roles.Judge);

        await Actions.ResetPasswordAsync(new ResetPasswordCommand { UserId = judge.Id, NewPassword = "NewSecret123" });

        await using var scope = _app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(judge.Id))!;
        Assert.True(await users.CheckPasswordAsync(user, "NewSecret123"));
        Assert.False(await users.CheckPasswordAsync(user, TestApp.Password));
    }

    [Fact]
    public async Task Non_administrators_cannot_touch_accounts()
    {
        var judge = await _app.AddUserAsync("judge3", Roles.Judge);
        var asAuditor = _app.As<ChangeUserAccountHandler>(Roles.Auditor);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => asAuditor.LockAsync(judge.Id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => asAuditor.DeactivateAsync(judge.Id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            asAuditor.ResetPasswordAsync(new ResetPasswordCommand { UserId = judge.Id, NewPassword = "NewSecret123" }));
        Assert.False((await ReloadAsync(judge.Id)).IsDeactivated);
    }

    [Fact]
    public async Task List_is_searched_and_paged_on_the_server()
    {
        for (var i = 0; i < 5; i++)
        {
            await _app.AddUserAsync($"officer{i}", Roles.ProcurementOfficer);
        }

        var list = _app.As<ListUsersHandler>(Roles.Administrator);
        var page = await list.HandleAsync(new ListUsersQuery { Search = "officer", PageSize = 2, Page = 1 });
        var officers = await list.HandleAsync(new ListUsersQuery { Role = Roles.ProcurementOfficer, PageSize = 50 });

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["officer2", "officer3"], page.Items.Select(u => u.UserName));
        Assert.Equal(5, officers.TotalCount);
        Assert.All(officers.Items, u => Assert.Equal(Roles.ProcurementOfficer, u.Role));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ListUsersHandler>(Roles.Auditor).HandleAsync(new ListUsersQuery()));
    }
}
