using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>The announcement of a year as an Excel workbook, beside its printable page and document.</summary>
public sealed record AnnouncementLedgerRequest(int Year) : ExportRequest, IExportKind
{
    public static string Kind => "WelfareLotteryAnnouncement";

    public static string Readers => AnnouncementAccess.Readers;
}

/// <summary>
/// 福彩公益金使用情况公告 as sheets: received by source and level, the funded projects (allocated, paid, execution rate,
/// people served, indicator results) and the balances carried forward. A draft's figures are the ledger's of now and say so.
/// </summary>
internal sealed class AnnouncementLedger : ExportDefinition<AnnouncementLedgerRequest>
{
    protected override async Task<ExportDocument> BuildAsync(ExportContext context, AnnouncementLedgerRequest request, CancellationToken cancellationToken)
    {
        var text = context.Text;
        context.Filter("Year", request.Year);
        var (announcement, figures) = await WelfareLotteryFigures.ForYearAsync(context.Db, request.Year, cancellationToken);
        var state = announcement?.IsPublished == true ? text["Label.AnnouncementPublished"] : text["Label.AnnouncementDraft"];
        var title = text["Title.WelfareLotteryAnnouncement", request.Year];
        var preamble = context.Preamble(title, state, text["Label.PaidByYearEnd", request.Year]);

        var received = figures.Received.Select(r => new object?[]
        {
            r.SourceName, r.Level is { } level ? text.Of(level) : text["Label.LevelUnstated"], r.Grantor, r.DocumentNumber, r.Amount,
        }).ToList();
        var projects = figures.Projects.Select(p => new object?[]
        {
            p.ContractNumber, p.Title, p.Agency, string.Join(text.IsEnglish ? ", " : "、", p.TargetGroups.Select(text.Of)),
            p.Allocated, p.Paid, decimal.Round(p.ExecutionRate * 100m, 2, MidpointRounding.AwayFromZero), p.PeopleServed,
            string.Join(text.IsEnglish ? "; " : "；", p.Results.Select(i => $"{i.Indicator} {i.Actual:0.##}/{i.Target:0.##} {i.Unit}")),
        }).ToList();
        var balances = figures.Balances.Select(b => new object?[]
        {
            b.SourceName, b.Amount, b.Allocated, b.Paid, b.AllocatedUnpaid, b.Unallocated, b.CarriedForward,
        }).ToList();

        LedgerColumn[] receivedColumns =
        [
            text.Column("FundingSource", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 26, counts: "Sources"),
            text.Column("Level", LedgerCellKind.Text),
            text.Column("Grantor", LedgerCellKind.Text, wrapAt: 16),
            text.Column("DocumentNumber", LedgerCellKind.Text),
            text.Column("Received", LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        LedgerColumn[] projectColumns =
        [
            text.Column("ContractNumber", LedgerCellKind.Text, LedgerTotal.Count, counts: "Contracts"),
            text.Column("Title", LedgerCellKind.Text, wrapAt: 18),
            text.Column("Agency", LedgerCellKind.Text, wrapAt: 14),
            text.Column("TargetGroups", LedgerCellKind.Text, wrapAt: 10),
            text.Column("Allocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("ExecutionRate", LedgerCellKind.Decimal),
            text.Column("PeopleServed", LedgerCellKind.Integer, LedgerTotal.Sum),
            text.Column("Results", LedgerCellKind.Text, wrapAt: 20),
        ];
        LedgerColumn[] balanceColumns =
        [
            text.Column("FundingSource", LedgerCellKind.Text, LedgerTotal.Count, wrapAt: 26, counts: "Sources"),
            text.Column("Received", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Allocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Disbursed", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("AllocatedUnpaid", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("Unallocated", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("CarriedForward", LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        return new LedgerDocument(title,
        [
            new LedgerSheet(text["Sheet.Received"], preamble, receivedColumns, received.Count, LedgerRows.Of(received)),
            new LedgerSheet(text["Sheet.Projects"], preamble, projectColumns, projects.Count, LedgerRows.Of(projects)),
            new LedgerSheet(text["Sheet.Balances"], preamble, balanceColumns, balances.Count, LedgerRows.Of(balances)),
        ], text);
    }
}
