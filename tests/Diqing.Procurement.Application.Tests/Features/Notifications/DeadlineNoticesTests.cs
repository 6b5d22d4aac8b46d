using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Notifications;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Notifications;

public sealed class DeadlineNoticesTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private ApplicationUser _agencyUser = null!;
    private ApplicationUser _officer = null!;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _agencyUser = await _app.AddUserAsync("deqin-user", Roles.AgencyUser, _agencyId);
        _officer = await _app.AddUserAsync("officer", Roles.ProcurementOfficer);
        await _app.AddUserAsync("judge", Roles.Judge);
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 10_000m);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ReadNotificationsHandler Inbox(ApplicationUser user, string role, int? agencyId = null) =>
        _app.Scope(TestApp.Principal(role, agencyId, user.UserName!, user.Id)).ServiceProvider.GetRequiredService<ReadNotificationsHandler>();

    [Fact]
    public async Task Deadline_notices_are_computed_without_duplicates()
    {
        await using (var db = await _app.DbAsync())
        {
            var today = ChinaTime.DateOf(DateTime.UtcNow);
            await db.Database.ExecuteSqlRawAsync("UPDATE Milestones SET DueOn = {0} WHERE Id = {1}", today.AddDays(-3).ToString("yyyy-MM-dd"), _contract.MidTermMilestoneId);
            await db.Database.ExecuteSqlRawAsync("UPDATE Milestones SET DueOn = {0} WHERE Id = {1}", today.AddDays(5).ToString("yyyy-MM-dd"), _contract.CompletionMilestoneId);
        }

        var notices = _app.Services.CreateScope().ServiceProvider.GetRequiredService<DeadlineNotices>();
        Assert.Equal(2, await notices.RunAsync());
        Assert.Equal(0, await notices.RunAsync());

        var inbox = await Inbox(_agencyUser, Roles.AgencyUser, _agencyId).ListAsync();
        Assert.Contains(inbox, n => n.Kind == NotificationKind.MilestoneOverdue && n.MilestoneId == _contract.MidTermMilestoneId);
        Assert.Contains(inbox, n => n.Kind == NotificationKind.MilestoneDueSoon && n.MilestoneId == _contract.CompletionMilestoneId);
        Assert.Empty(await Inbox(_officer, Roles.ProcurementOfficer).ListAsync());
    }
}
