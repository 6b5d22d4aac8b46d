using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

/// <summary>The progress ledger with the overdue page's filters, or of one contract; an agency user gets its own agency's.</summary>
public sealed record ProgressLedgerRequest : ExportRequest, IExportKind
{
    public static string Kind => "Progress";

    public static string Readers => ReportAccess.Readers;

    public int? ContractId { get; init; }

    public int? AgencyId { get; init; }

    public County? County { get; init; }
}

/// <summary>
/// 项目进度台账: each milestone of the signed contracts in scope with its due date, report status,
/// submission and approval times, days overdue (R-15, for running contracts as on the overdue page)
/// and the contract's indicator targets against the actuals of the latest submitted report.
/// </summary>
internal sealed class ProgressLedger : ExportDefinition<ProgressLedgerRequest>
{
    private sealed record Row(
        int MilestoneId, string ContractNumber, string Title, string Agency, County County, ContractStatus ContractStatus, string Milestone, DateOnly DueOn,
        DateTime? ApprovedAtUtc, List<PerformanceIndicator> Indicators);

    private sealed record Report(int MilestoneId, ReportStatus Status, DateTime? LastSubmittedAtUtc, ReportContent? Latest);

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, ProgressLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, user, text) = (context.Db, context.User, context.Text);
        await context.FilterContractAsync(request.ContractId, cancellationToken);
        await context.FilterAgencyAsync(request.AgencyId, cancellationToken);
        context.Filter("County", text.OfOptional(request.County));
        context.FilterOwnAgency();

        var contracts = db.Contracts.AsNoTracking().Visible(user).Where(c => c.Status != ContractStatus.Draft);
        if (request.ContractId is { } contractId)
        {
            contracts = contracts.Where(c => c.Id == contractId);
        }

        if (request.AgencyId is { } agencyId)
        {
            contracts = contracts.Where(c => c.AgencyId == agencyId);
        }

        if (request.County is { } county)
        {
            contracts = contracts.Where(c => c.County == county);
        }

        var milestones = from m in db.Milestones.AsNoTracking()
                         join c in contracts on m.ContractId equals c.Id
                         join a in db.Agencies on c.AgencyId equals a.Id
                         orderby c.Year, c.SequenceNumber, m.DueOn, m.Id
                         select new Row(m.Id, c.Number, c.Title, a.Name, c.County, c.Status, m.Name, m.DueOn, m.ReportApprovedAtUtc,
                             EF.Property<List<PerformanceIndicator>>(c, "_indicators"));
        var count = await milestones.CountAsync(cancellationToken);

        // One report per milestone; its latest submitted version carries the actuals (drafts are not reported yet).
        var reports = await (from r in db.MilestoneReports.AsNoTracking()
                             join c in contracts on r.ContractId equals c.Id
                             select new Report(r.MilestoneId, r.Status, r.LastSubmittedAtUtc,
                                 db.ReportVersions.Where(v => v.ReportId == r.Id).OrderByDescending(v => v.Number).Select(v => v.Content).FirstOrDefault()))
            .ToDictionaryAsync(r => r.MilestoneId, cancellationToken);

        LedgerColumn[] columns =
        [
            text.Column("ContractNumber", LedgerCellKind.Text),
            text.Column("Title", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 18, counts: "Milestones"),
            text.Column("Agency", LedgerCellKind.Text, wrapAt: 14),
            text.Column("County", LedgerCellKind.Text, wrapAt: 8),
            text.Column("Milestone", LedgerCellKind.Text, wrapAt: 8),
            text.Column("DueOn", LedgerCellKind.Date),
            text.Column("ReportStatus", LedgerCellKind.Text),
            text.Column("SubmittedAt", LedgerCellKind.DateTime),
            text.Column("ApprovedAt", LedgerCellKind.DateTime),
            text.Column("DaysOverdue", LedgerCellKind.Integer, LedgerTotal.CountPositive, counts: "Overdue"),
            text.Column("Indicators", LedgerCellKind.Text, wrapAt: 22),
        ];
        var title = text["Title.Progress"];
        var sheet = new LedgerSheet(title, context.Preamble(title), columns, count, LedgerRows.Map(milestones.AsAsyncEnumerable(), m =>
        {
            var report = reports.GetValueOrDefault(m.MilestoneId);
            var running = m.ContractStatus.IsRunning();
            return
            [
                m.ContractNumber, m.Title, m.Agency, text.Of(m.County), m.Milestone, m.DueOn,
                report is null ? text["Label.NotSubmitted"] : text.Of(report.Status),
                report?.LastSubmittedAtUtc is { } submitted ? ChinaTime.FromUtc(submitted) : null,
                m.ApprovedAtUtc is { } approved ? ChinaTime.FromUtc(approved) : null,
                running ? Deadlines.DaysOverdue(m.DueOn, m.ApprovedAtUtc is not null, context.NowUtc) : 0,
                Indicators(m.Indicators, report?.Latest, text),
            ];
        }, cancellationToken));
        return new LedgerDocument(title, [sheet], text);
    }

    private static string Indicators(List<PerformanceIndicator> indicators, ReportContent? latest, ExportText text) =>
        string.Join(text.IsEnglish ? "; " : "；", indicators.Select(i =>
        {
            var actual = latest?.Indicators.FirstOrDefault(a => a.Indicator == i.Name)?.Actual;
            return text["Col.IndicatorLine", i.Name, i.Target.ToString("0.##", text.Culture), i.Unit, actual?.ToString("0.##", text.Culture) ?? "—"];
        }));
}
