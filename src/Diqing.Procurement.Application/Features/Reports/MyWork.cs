using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

public sealed record WorkItem(
    int ContractId, string ContractNumber, string ContractTitle, int MilestoneId, string MilestoneName, DateOnly DueOn,
    ReportStatus? ReportStatus, int DaysOverdue, int? DaysLeft)
{
    public bool IsUrgent => DaysOverdue > 0 || DaysLeft <= 14;
}

/// <summary>
/// "My work" for an agency user: every milestone of the agency's active contracts with its report
/// status; overdue first, then those due within 14 days, then the rest by due date.
/// </summary>
public sealed class MyWorkHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
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
            .Select(r => new WorkItem(r.ContractId, r.Number, r.Title, r.MilestoneId, r.Name, r.DueOn, r.Status,
                Deadlines.DaysOverdue(r.DueOn, r.ReportApprovedAtUtc is not null, now), Deadlines.DaysLeft(r.DueOn, r.ReportApprovedAtUtc is not null, now)))
            .OrderBy(w => w.DaysOverdue > 0 ? 0 : w.DaysLeft <= 14 ? 1 : w.ReportStatus == ReportStatus.Approved ? 3 : 2)
            .ThenBy(w => w.DueOn)
            .ToList();
    }
}
