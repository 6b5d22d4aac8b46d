using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>
/// The one computation of an announcement's figures from the ledger: the year's welfare-lottery sources (their
/// fiscal year), the signed contracts they fund (never a draft), payments dated up to 31 December of the year, and people
/// served and indicator actuals from approved reports. A draft shows it live; publishing freezes it.
/// </summary>
internal static class WelfareLotteryFigures
{
    /// <summary>The year's announcement (if saved) and the figures it shows: its frozen ones once published, the ledger's before.</summary>
    public static async Task<(WelfareLotteryAnnouncement? Announcement, AnnouncementFigures Figures)> ForYearAsync(
        ProcurementDbContext db, int year, CancellationToken cancellationToken)
    {
        var announcement = await db.WelfareLotteryAnnouncements.AsNoTracking().SingleOrDefaultAsync(a => a.Year == year, cancellationToken);
        return (announcement, announcement?.Figures ?? await ComputeAsync(db, year, cancellationToken));
    }

    public static async Task<AnnouncementFigures> ComputeAsync(ProcurementDbContext db, int year, CancellationToken cancellationToken)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var sources = await db.FundingSources.AsNoTracking()
            .Where(f => f.Kind == FundingKind.WelfareLottery && f.FiscalYear == year)
            .Include(f => f.Allocations).ThenInclude(a => a.Disbursements)
            .AsSplitQuery().OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var contractIds = sources.SelectMany(s => s.Allocations).Select(a => a.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => contractIds.Contains(c.Id) && c.Status != ContractStatus.Draft)
            .OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var signed = contracts.Select(c => c.Id).ToHashSet();
        var agencyIds = contracts.Select(c => c.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var reports = await db.MilestoneReports.AsNoTracking()
            .Where(r => signed.Contains(r.ContractId) && r.Status == ReportStatus.Approved).ToListAsync(cancellationToken);

        static decimal PaidBy(Allocation a, DateOnly end) => a.Disbursements.Where(d => d.PaidOn <= end).Sum(d => d.Amount);
        var allocations = sources.SelectMany(s => s.Allocations).Where(a => signed.Contains(a.ContractId)).ToList();

        var received = sources.Select(s => new ReceivedLine(
            AnnouncementFigures.LevelOf(s.FiscalLevel, s.Grantor, s.Name), s.Grantor, s.Name, s.DocumentNumber, s.Amount)).ToList();
        var projects = contracts.Select(c =>
        {
            var own = allocations.Where(a => a.ContractId == c.Id).ToList();
            var approved = reports.Where(r => r.ContractId == c.Id).Select(r => r.Content).ToList();
            var results = c.Indicators.Select(i => new IndicatorResult(i.Name, i.Unit, i.Target,
                approved.SelectMany(r => r.Indicators).Where(a => a.Indicator == i.Name).Sum(a => a.Actual ?? 0m))).ToList();
            return new ProjectLine(c.Number, c.Title, agencies.GetValueOrDefault(c.AgencyId, string.Empty), c.TargetGroups.ToList(),
                own.Sum(a => a.Amount), own.Sum(a => PaidBy(a, yearEnd)), approved.SelectMany(r => r.People).Sum(p => p.Count), results);
        }).ToList();
        var balances = sources.Select(s =>
        {
            var own = s.Allocations.Where(a => signed.Contains(a.ContractId)).ToList();
            return new BalanceLine(s.Name, s.Amount, own.Sum(a => a.Amount), own.Sum(a => PaidBy(a, yearEnd)));
        }).ToList();
        return new AnnouncementFigures(received, projects, balances);
    }
}
