using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

public sealed record OverdueMilestone(int ContractId, string ContractNumber, string ContractTitle, int AgencyId, string AgencyName, County County,
    int MilestoneId, string MilestoneName, DateOnly DueOn, ReportStatus? ReportStatus, int DaysOverdue);

/// <summary>R-15: milestones of running contracts past their due date without an approved report, most overdue first.</summary>
public sealed class ListOverdueMilestonesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<IReadOnlyList<OverdueMilestone>> HandleAsync(int? agencyId = null, County? county = null, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ReportAccess.BureauReaders);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.DateOf(now);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contracts = db.Contracts.AsNoTracking().Where(ContractStatuses.Running);
        if (agencyId is { } id)
        {
            contracts = contracts.Where(c => c.AgencyId == id);
        }

        if (county is { } c)
        {
            contracts = contracts.Where(x => x.County == c);
        }

        var rows = await (
                from m in db.Milestones.AsNoTracking().Where(m => m.DueOn < today && m.ReportApprovedAtUtc == null)
                join x in contracts on m.ContractId equals x.Id
                join a in db.Agencies on x.AgencyId equals a.Id
                select new
                {
                    x.Id, x.Number, x.Title, x.AgencyId, x.County, MilestoneId = m.Id, m.Name, m.DueOn, Agency = a.Name,
                    Status = db.MilestoneReports.Where(r => r.MilestoneId == m.Id).Select(r => (ReportStatus?)r.Status).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new OverdueMilestone(r.Id, r.Number, r.Title, r.AgencyId, r.Agency, r.County, r.MilestoneId, r.Name, r.DueOn, r.Status,
                Deadlines.DaysOverdue(r.DueOn, false, now)))
            .OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.AgencyName).ToList();
    }
}
