using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Dashboard;

/// <summary>A count and an amount of the contract list with <see cref="Filter"/>: the figure and the list cannot disagree.</summary>
public sealed record ContractFigure(int Count, decimal Amount, ListContractsQuery Filter);

/// <summary>One slice of a chart of contracts (a status, a county, a target group).</summary>
public sealed record ContractSlice<TKey>(TKey Key, ContractFigure Figure);

/// <summary>The funding list's figures with <see cref="Filter"/>; execution rate = paid ÷ allocated (null when nothing is allocated).</summary>
public sealed record FundFigure(string Name, FundingKind Kind, decimal Amount, decimal Allocated, decimal Paid, ListFundingSourcesQuery Filter)
{
    public decimal Available => Amount - Allocated;

    public decimal? ExecutionRate => Allocated == 0m ? null : Math.Round(Paid / Allocated, 4, MidpointRounding.AwayFromZero);
}

/// <summary>Payments of the year's funds made in one month (a payment of a year's funds may fall in a later year).</summary>
public sealed record MonthFigure(int Year, int Month, decimal Amount);

/// <summary>Payable installments not yet paid: how many, what they still owe, and the contracts they belong to.</summary>
public sealed record PayableFigure(int Installments, decimal Outstanding, ContractFigure Contracts);

public sealed record CompetitionFigure(int Id, string Name, CompetitionPhase Phase, DateTime SubmissionClosesAtUtc, DateTime JudgingClosesAtUtc);

/// <param name="Funds">The year's funds: <see cref="FundFigure.Amount"/> received, allocated, paid, available.</param>
/// <param name="ReviewQueueOpen">Whether the user may open the review queue the waiting count links to.</param>
public sealed record BureauDashboard(
    int Year,
    ContractFigure Contracted,
    FundFigure Funds,
    IReadOnlyList<ContractSlice<ContractStatus>> ByStatus,
    IReadOnlyList<FundFigure> ByKind,
    IReadOnlyList<FundFigure> BySource,
    IReadOnlyList<MonthFigure> PaymentsByMonth,
    IReadOnlyList<ContractSlice<County>> ByCounty,
    IReadOnlyList<ContractSlice<TargetGroup>> ByTargetGroup,
    int OverdueMilestones,
    int ReportsWaiting,
    bool ReviewQueueOpen,
    PayableFigure Payable,
    IReadOnlyList<CompetitionFigure> Competitions);

/// <summary>The next milestone of one of the agency's contracts that needs a report from it.</summary>
public sealed record AgencyDeadline(int ContractId, string ContractNumber, string ContractTitle, int MilestoneId, string MilestoneName, DateOnly DueOn,
    ReportStatus? ReportStatus, int DaysOverdue, int? DaysLeft);

/// <param name="Received">The year's contracts of the agency and what has been paid on them (the list's and the contract ledger's paid total).</param>
public sealed record AgencyDashboard(int Year, IReadOnlyList<AgencyDeadline> Deadlines, int ReturnedReports, ContractFigure Contracts, decimal Received);

public sealed record JudgeCompetition(int Id, string Name, bool DeclarationPending, int SheetsToDo, DateTime JudgingClosesAtUtc);

public sealed record JudgeDashboard(IReadOnlyList<JudgeCompetition> Competitions)
{
    public int SheetsToDo => Competitions.Sum(c => c.SheetsToDo);

    public int DeclarationsPending => Competitions.Count(c => c.DeclarationPending);

    /// <summary>The nearest close of a judging window with work left, or of any the judge sits on.</summary>
    public DateTime? NextDeadlineUtc => Competitions.Where(c => c.DeclarationPending || c.SheetsToDo > 0).Select(c => (DateTime?)c.JudgingClosesAtUtc).Min()
        ?? Competitions.Select(c => (DateTime?)c.JudgingClosesAtUtc).Min();
}

/// <summary>The home page: the parts of it the user's roles may see (none of another agency's figures, R-01).</summary>
/// <param name="AnnouncementDue">
/// For the bureau and the auditor: the prior year, from 1 May until its welfare-lottery fund announcement is published.
/// </param>
public sealed record DashboardView(
    int Year, IReadOnlyList<int> Years, BureauDashboard? Bureau, AgencyDashboard? Agency, JudgeDashboard? Judge, int? AnnouncementDue = null)
{
    /// <summary>Whether a year can be chosen: the bureau's and the agency's figures are a year's; a judge's work is now.</summary>
    public bool HasYear => Bureau is not null || Agency is not null;
}

public sealed record GetDashboardQuery(int? Year = null);

/// <summary>
/// The role dashboards. Every figure is computed with the filter of the list it links to (the lists' own Filter methods),
/// so that the figure, the list and the list's ledger show one total.
/// </summary>
public sealed class GetDashboardHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    TimeProvider clock,
    ListFundingSourcesHandler fundingSources,
    ListOverdueMilestonesHandler overdueMilestones,
    ListAgencyWorkHandler agencyWork,
    ListCompetitionsHandler competitions,
    IsAnnouncementPublishedHandler announcements)
{
    /// <summary>The agency's dashboard lists this many upcoming deadlines; "my work" has them all.</summary>
    public const int DeadlinesShown = 5;

    public static readonly IReadOnlyList<TargetGroup> ChartedGroups =
        [TargetGroup.Elderly, TargetGroup.Children, TargetGroup.Disabled, TargetGroup.PeopleInDifficulty];

    public async Task<DashboardView> HandleAsync(GetDashboardQuery query, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(CompetitionAccess.Everyone);
        var year = query.Year ?? ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year;
        var bureau = currentUser.IsAnyOf(ReportAccess.BureauReaders) ? await GetBureauAsync(year, cancellationToken) : null;
        var agency = bureau is null && currentUser.IsAgencyOnly() ? await GetAgencyAsync(year, cancellationToken) : null;
        var judge = currentUser.IsInRole(Roles.Judge) ? await GetJudgeAsync(cancellationToken) : null;
        var announcementDue = currentUser.IsAnyOf(AnnouncementAccess.Readers) ? await announcements.PriorYearDueAsync(cancellationToken) : null;
        return new DashboardView(year, await YearsAsync(year, cancellationToken), bureau, agency, judge, announcementDue);
    }

    /// <summary>The bureau's and the auditor's figures for a year; anyone else is refused .</summary>
    public async Task<BureauDashboard> GetBureauAsync(int year, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ReportAccess.BureauReaders);
        var fundsFilter = new ListFundingSourcesQuery(FiscalYear: year);
        var overview = await fundingSources.HandleAsync(fundsFilter, cancellationToken);
        var byKind = Enum.GetValues<FundingKind>()
            .Select(k => (Kind: k, Rows: overview.Sources.Where(s => s.Kind == k).ToList()))
            .Where(k => k.Rows.Count > 0)
            .Select(k => new FundFigure(k.Kind.ToString(), k.Kind, k.Rows.Sum(r => r.Amount), k.Rows.Sum(r => r.Allocated), k.Rows.Sum(r => r.Disbursed),
                fundsFilter with { Kind = k.Kind }))
            .ToList();
        var bySource = overview.Sources
            .Select(s => new FundFigure(s.Name, s.Kind, s.Amount, s.Allocated, s.Disbursed, fundsFilter with { Kind = s.Kind, Search = s.DocumentNumber }))
            .ToList();
        var funds = new FundFigure(string.Empty, default, overview.Amount, overview.Allocated, overview.Disbursed, fundsFilter);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ofYear = new ListContractsQuery { Year = year };
        var contracted = ofYear with { Concluded = true };
        var byStatus = await SlicesAsync(db, ofYear, c => c.Status, s => ofYear with { Status = s }, cancellationToken);
        var byCounty = await SlicesAsync(db, contracted, c => c.County, k => contracted with { County = k }, cancellationToken);
        var byGroup = new List<ContractSlice<TargetGroup>>();
        foreach (var group in ChartedGroups)
        {
            byGroup.Add(new ContractSlice<TargetGroup>(group, await FigureAsync(db, contracted with { TargetGroup = group }, cancellationToken)));
        }

        var payableFilter = new ListContractsQuery { HasPayable = true };
        var payable = await (
                from i in db.Installments.AsNoTracking().Where(i => i.Status == InstallmentStatus.Payable)
                join c in db.Contracts.AsNoTracking().Visible(currentUser) on i.ContractId equals c.Id
                select new { i.Amount, i.PaidAmount })
            .ToListAsync(cancellationToken);

        var competitionList = await competitions.HandleAsync(cancellationToken);
        return new BureauDashboard(
            year,
            await FigureAsync(db, contracted, cancellationToken),
            funds,
            byStatus,
            byKind,
            bySource,
            await PaymentsByMonthAsync(db, fundsFilter, cancellationToken),
            byCounty,
            byGroup,
            (await overdueMilestones.HandleAsync(cancellationToken: cancellationToken)).Count,
            await ReviewReportHandler.Waiting(db).CountAsync(cancellationToken),
            currentUser.IsAnyOf(ReportAccess.Reviewers),
            new PayableFigure(payable.Count, payable.Sum(p => p.Amount - p.PaidAmount), await FigureAsync(db, payableFilter, cancellationToken)),
            competitionList.Items.Where(c => c.Year == year)
                .Select(c => new CompetitionFigure(c.Id, c.Name, c.Phase, c.SubmissionClosesAtUtc, c.JudgingClosesAtUtc)).ToList());
    }

    /// <summary>An agency user's own figures only: its contracts' next deadlines, reports returned to it, payments it received.</summary>
    public async Task<AgencyDashboard> GetAgencyAsync(int year, CancellationToken cancellationToken = default)
    {
        ReportAccess.DemandAgency(currentUser);
        var work = await agencyWork.HandleAsync(cancellationToken);
        var deadlines = work.Where(w => w.NeedsAction)
            .GroupBy(w => w.ContractId).Select(g => g.First())
            .Take(DeadlinesShown)
            .Select(w => new AgencyDeadline(w.ContractId, w.ContractNumber, w.ContractTitle, w.MilestoneId, w.MilestoneName, w.DueOn, w.ReportStatus, w.DaysOverdue, w.DaysLeft))
            .ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filter = new ListContractsQuery { Year = year, Concluded = true };
        var own = Visible(db, filter);
        var received = await db.Installments.AsNoTracking().Where(i => own.Select(c => c.Id).Contains(i.ContractId))
            .SumAsync(i => (decimal?)i.PaidAmount, cancellationToken) ?? 0m;
        return new AgencyDashboard(year, deadlines, work.Count(w => w.ReportStatus == ReportStatus.Returned),
            await FigureAsync(db, filter, cancellationToken), received);
    }

    /// <summary>A judge's competitions in judging: whether they still have to declare conflicts and their sheets still to submit.</summary>
    public async Task<JudgeDashboard> GetJudgeAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Judge);
        var judgeId = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var judging = (await db.Competitions.AsNoTracking().Visible(currentUser).Where(c => c.Phase == CompetitionPhase.Judging)
                .OrderBy(c => c.JudgingClosesAtUtc).ToListAsync(cancellationToken))
            .Where(c => c.IsJudge(judgeId)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<JudgeCompetition>();
        foreach (var competition in judging)
        {
            var progress = await JudgingProgress.LoadAsync(db, competition, now, cancellationToken);
            rows.Add(new JudgeCompetition(competition.Id, competition.Name, progress.Gaps.UndeclaredJudgeIds.Contains(judgeId),
                progress.Gaps.MissingSheets.Count(m => m.JudgeId == judgeId), competition.JudgingClosesAtUtc));
        }

        return new JudgeDashboard(rows);
    }

    /// <summary>Every value of an enum with the count and amount of the filter's contracts having it, and the filter that lists them.</summary>
    private async Task<IReadOnlyList<ContractSlice<TKey>>> SlicesAsync<TKey>(ProcurementDbContext db, ListContractsQuery filter,
        System.Linq.Expressions.Expression<Func<PurchaseContract, TKey>> key, Func<TKey, ListContractsQuery> filterOf, CancellationToken cancellationToken)
        where TKey : struct, Enum
    {
        var groups = await Visible(db, filter).GroupBy(key)
            .Select(g => new { g.Key, Count = g.Count(), Amount = g.Sum(c => c.Amount) }).ToListAsync(cancellationToken);
        return Enum.GetValues<TKey>()
            .Select(k => groups.FirstOrDefault(g => g.Key.Equals(k)) is { } g
                ? new ContractSlice<TKey>(k, new ContractFigure(g.Count, g.Amount, filterOf(k)))
                : new ContractSlice<TKey>(k, new ContractFigure(0, 0m, filterOf(k))))
            .ToList();
    }

    private IQueryable<PurchaseContract> Visible(ProcurementDbContext db, ListContractsQuery filter) =>
        ListContractsHandler.Filter(db, db.Contracts.AsNoTracking().Visible(currentUser), filter);

    private async Task<ContractFigure> FigureAsync(ProcurementDbContext db, ListContractsQuery filter, CancellationToken cancellationToken)
    {
        var totals = await ListContractsHandler.TotalsAsync(Visible(db, filter), cancellationToken);
        return new ContractFigure(totals.Count, totals.Amount, filter);
    }

    /// <summary>The disbursement ledger's lines for the year's funds (its filter), summed per month of payment.</summary>
    private static async Task<IReadOnlyList<MonthFigure>> PaymentsByMonthAsync(ProcurementDbContext db, ListFundingSourcesQuery filter, CancellationToken cancellationToken)
    {
        var sources = ListFundingSourcesHandler.Filter(db.FundingSources.AsNoTracking(), filter);
        var payments = await (
                from d in db.Disbursements.AsNoTracking()
                join a in db.Allocations on d.AllocationId equals a.Id
                join f in sources on a.FundingSourceId equals f.Id
                select new { d.PaidOn, d.Amount })
            .ToListAsync(cancellationToken);
        var year = filter.FiscalYear!.Value;
        return Enumerable.Range(1, 12).Select(m => (Year: year, Month: m))
            .Concat(payments.Select(p => (p.PaidOn.Year, p.PaidOn.Month)))
            .Distinct().Order()
            .Select(m => new MonthFigure(m.Year, m.Month, payments.Where(p => p.PaidOn.Year == m.Year && p.PaidOn.Month == m.Month).Sum(p => p.Amount)))
            .ToList();
    }

    /// <summary>The selectable years: those with contracts or funds, and the current one.</summary>
    private async Task<IReadOnlyList<int>> YearsAsync(int year, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var years = new List<int> { year, ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year };
        if (currentUser.IsAnyOf(ContractAccess.Readers))
        {
            years.AddRange(await db.Contracts.AsNoTracking().Visible(currentUser).Select(c => c.Year).Distinct().ToListAsync(cancellationToken));
        }

        if (currentUser.IsAnyOf(FundingAccess.Readers))
        {
            years.AddRange(await db.FundingSources.AsNoTracking().Select(f => f.FiscalYear).Distinct().ToListAsync(cancellationToken));
        }

        return years.Distinct().OrderDescending().ToList();
    }
}
