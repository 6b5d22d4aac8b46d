using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

public sealed record ReviewQueueItem(int ReportId, string ContractNumber, string ContractTitle, string AgencyName, string MilestoneName,
    ReportStatus Status, int VersionNumber, DateTime SubmittedAtUtc, int DaysWaiting);

/// <summary>The bureau's side: the queue of submitted reports, and return or approve (R-16 in the same transaction).</summary>
public sealed class ReviewReportHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReviewQueueItem>> QueueAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ReportAccess.Reviewers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Waiting(db)
            .OrderBy(r => r.LastSubmittedAtUtc)
            .Select(r => new
            {
                r.Id, r.Status, r.LastSubmittedAtUtc,
                Contract = db.Contracts.Where(c => c.Id == r.ContractId).Select(c => new { c.Number, c.Title }).First(),
                Agency = db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Name).First(),
                Milestone = db.Milestones.Where(m => m.Id == r.MilestoneId).Select(m => m.Name).First(),
                Versions = r.Versions.Count,
            })
            .ToListAsync(cancellationToken);
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        return rows.Select(r => new ReviewQueueItem(r.Id, r.Contract.Number, r.Contract.Title, r.Agency, r.Milestone, r.Status, r.Versions,
            r.LastSubmittedAtUtc!.Value, today.DayNumber - ChinaTime.DateOf(r.LastSubmittedAtUtc.Value).DayNumber)).ToList();
    }

    /// <summary>The reports waiting for the bureau's review: the queue, and the dashboard's count of it.</summary>
    internal static IQueryable<MilestoneReport> Waiting(ProcurementDbContext db) =>
        db.MilestoneReports.AsNoTracking().Where(r => r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Resubmitted);

    public async Task<ReportView> GetAsync(int reportId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ReportAccess.Readers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReportViews.LoadAsync(db, reportId, currentUser, cancellationToken);
    }

    public async Task ReturnAsync(int reportId, string comment, IReadOnlyDictionary<string, string>? fieldComments = null, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ReportAccess.Reviewers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await LoadAsync(db, reportId, cancellationToken);
        var comments = (fieldComments ?? new Dictionary<string, string>()).Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        report.Return(currentUser.UserName!, comment, comments, now);
        await NotifyAgencyAsync(db, report, Domain.Notifications.NotificationKind.ReportReturned, now, cancellationToken);
        await db.SaveOrRefuseAsync("Report.ChangedElsewhere", cancellationToken);
    }

    /// <summary>Approves the report and, in the same transaction, marks the milestone approved so its installment becomes payable .</summary>
    public async Task ApproveAsync(int reportId, string? comment, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ReportAccess.Reviewers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await LoadAsync(db, reportId, cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, report.ContractId, currentUser, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        report.Approve(currentUser.UserName!, comment, now);
        contract.ApproveMilestoneReport(contract.Milestones.Single(m => m.Id == report.MilestoneId), now);
        await NotifyAgencyAsync(db, report, Domain.Notifications.NotificationKind.ReportApproved, now, cancellationToken);
        await db.SaveOrRefuseAsync("Report.ChangedElsewhere", cancellationToken);
    }

    private static async Task NotifyAgencyAsync(ProcurementDbContext db, MilestoneReport report, Domain.Notifications.NotificationKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == report.ContractId).Select(c => new { c.Number, c.Title }).SingleAsync(cancellationToken);
        var milestone = await db.Milestones.AsNoTracking().Where(m => m.Id == report.MilestoneId).Select(m => m.Name).SingleAsync(cancellationToken);
        await Notifications.Notifier.ToAgencyUsersAsync(db, report.AgencyId, userId => new Domain.Notifications.Notification(
            userId, kind, $"{contract.Number} {contract.Title}", milestone, report.ContractId, report.Id, report.MilestoneId,
            $"{kind}:{report.Id}:{report.Versions.Count}", now), cancellationToken);
    }

    private static async Task<MilestoneReport> LoadAsync(ProcurementDbContext db, int reportId, CancellationToken cancellationToken)
    {
        var report = await db.MilestoneReports.Include(r => r.Versions).SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken)
            ?? throw new NotFoundException(nameof(MilestoneReport), reportId);
        var contractStatus = await db.Contracts.Where(c => c.Id == report.ContractId).Select(c => c.Status).SingleAsync(cancellationToken);
        if (!contractStatus.IsRunning())
        {
            throw new DomainException("Report.ReviewContractNotActive");
        }

        return report;
    }
}
