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

public sealed class ReadNotificationsTests : IAsyncLifetime
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

    private static ReportContent Complete() => ReportSamples.Complete();

    [Fact]
    public async Task Reviewers_hear_of_submissions_and_the_agency_of_returns_and_approvals()
    {
        var form = _app.Scope(TestApp.Principal(Roles.AgencyUser, _agencyId, "deqin-user", _agencyUser.Id)).ServiceProvider.GetRequiredService<WriteReportHandler>();
        var draft = await form.OpenAsync(_contract.MidTermMilestoneId);
        await form.SubmitAsync(draft.ReportId, draft.Version, Complete());

        var officerInbox = await Inbox(_officer, Roles.ProcurementOfficer).ListAsync();
        Assert.Equal(NotificationKind.ReportSubmitted, Assert.Single(officerInbox).Kind);

        var review = _app.As<ReviewReportHandler>(Roles.ProcurementOfficer, userName: "officer");
        await review.ReturnAsync(draft.ReportId, "请补充照片");
        var again = await form.OpenAsync(_contract.MidTermMilestoneId);
        await form.SubmitAsync(again.ReportId, again.Version, Complete());
        await review.ApproveAsync(draft.ReportId, null);

        var agencyInbox = await Inbox(_agencyUser, Roles.AgencyUser, _agencyId).ListAsync();
        Assert.Contains(agencyInbox, n => n.Kind == NotificationKind.ReportReturned);
        Assert.Contains(agencyInbox, n => n.Kind == NotificationKind.ReportApproved && n.ReportId == draft.ReportId);
        Assert.Equal(2, (await Inbox(_officer, Roles.ProcurementOfficer).ListAsync()).Count);
    }

    [Fact]
    public async Task Users_read_and_mark_only_their_own_notifications()
    {
        await using (var db = await _app.DbAsync())
        {
            db.Notifications.Add(new Notification(_agencyUser.Id, NotificationKind.MilestoneDueSoon, "DQMZ", null, null, null, null, "k1", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var mine = Assert.Single(await Inbox(_agencyUser, Roles.AgencyUser, _agencyId).ListAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => Inbox(_officer, Roles.ProcurementOfficer).MarkReadAsync(mine.Id));
        Assert.Equal(1, await Inbox(_agencyUser, Roles.AgencyUser, _agencyId).UnreadCountAsync());
        await Inbox(_agencyUser, Roles.AgencyUser, _agencyId).MarkReadAsync(mine.Id);
        Assert.Equal(0, await Inbox(_agencyUser, Roles.AgencyUser, _agencyId).UnreadCountAsync());
    }
}
