using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

/// <summary>
/// A milestone of the agency's work. <see cref="NeedsAction"/>: the agency has a report to write or rework; only then do
/// <see cref="DaysOverdue"/> and <see cref="DaysLeft"/> count (a report waiting for review is the bureau's turn).
/// </summary>
public sealed record WorkItem(
    int ContractId, string ContractNumber, string ContractTitle, int MilestoneId, string MilestoneName, DateOnly DueOn,
    ReportStatus? ReportStatus, bool NeedsAction, int DaysOverdue, int? DaysLeft)
{
    public bool IsUrgent => DaysOverdue > 0 || DaysLeft <= 14;
}

/// <summary>
/// "My work" for an agency user: every milestone of the agency's active contracts with its report
/// status; overdue first, then those due within 14 days, then the rest by due date.
/// </summary>
public sealed class ListAgencyWorkHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    private static readonly ContractStatus[] Active = [ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Suspended];

    public async Task<IReadOnlyList<WorkItem>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from m in db.Milestones.AsNoTracking()
                join c in db.Contracts.Where(c => c.AgencyId == agencyId && Active.Contains(c.Status)) on m.ContractId equals c.Id
                select new
                {
                    ContractId = c.Id, c.Number, c.Title, MilestoneId = m.Id, m.Name, m.DueOn, m.ReportApprovedAtUtc,
                    Status = db.MilestoneReports.Where(r => r.MilestoneId == m.Id).Select(r => (ReportStatus?)r.Status).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        return rows
            .Select(r =>
            {
                var needsAction = r.Status is not { } status || status.IsEditableByAgency();
                var settled = r.ReportApprovedAtUtc is not null || !needsAction;
                return new WorkItem(r.ContractId, r.Number, r.Title, r.MilestoneId, r.Name, r.DueOn, r.Status, needsAction,
                    Deadlines.DaysOverdue(r.DueOn, settled, now), Deadlines.DaysLeft(r.DueOn, settled, now));
            })
            .OrderBy(w => w.DaysOverdue > 0 ? 0 : w.DaysLeft <= 14 ? 1 : w.NeedsAction ? 2 : 3)
            .ThenBy(w => w.DueOn)
            .ToList();
    }
}
