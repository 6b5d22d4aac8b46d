using System.Globalization;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Word;
using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>The announcement of a year as a Word document (.docx), beside its printable page and its Excel sheet; for the bureau and the auditor, audited.</summary>
public sealed record AnnouncementDocumentRequest(int Year) : ExportRequest, IExportKind
{
    public static string Kind => "WelfareLotteryAnnouncementDocument";

    public static string Readers => AnnouncementAccess.Readers;
}

/// <summary>A draft's document shows the ledger's figures of now and says so on every page; a published one its frozen figures.</summary>
internal sealed class AnnouncementDocumentExport : ExportDefinition<AnnouncementDocumentRequest>
{
    protected override async Task<ExportDocument> BuildAsync(ExportContext context, AnnouncementDocumentRequest request, CancellationToken cancellationToken)
    {
        context.Filter("Year", request.Year);
        var (announcement, figures) = await WelfareLotteryFigures.ForYearAsync(context.Db, request.Year, cancellationToken);
        var published = announcement?.IsPublished == true ? announcement.PublishedAtUtc : null;
        return AnnouncementWordDocument.Build(request.Year, announcement?.Narrative ?? string.Empty, published, figures, context.Text);
    }
}

/// <summary>
/// 福彩公益金使用情况公告 as a document, in the order of the printable page: the title, the bureau and the publication date
/// (or the draft's warning), the narrative, then 一、资金收入情况 (each source with its level and grantor, subtotals by level,
/// the total), 二、资助项目及执行情况 (each funded contract: agency, target groups, allocated, paid, execution rate, people
/// served and indicator results), 三、结转结余情况, and the note on what the figures count. Amounts in yuan, two decimals.
/// </summary>
public static class AnnouncementWordDocument
{
    /// <param name="publishedAtUtc">Null for a draft: its pages say the figures may still change.</param>
    public static WordDocument Build(int year, string narrative, DateTime? publishedAtUtc, AnnouncementFigures figures, ExportText text)
    {
        var title = text["Title.WelfareLotteryAnnouncement", year];
        var draftWarning = text["Label.AnnouncementDraft"];
        var subtitle = new List<string> { text["IssuingUnit"] };
        subtitle.Add(publishedAtUtc is { } published
            ? text["Document.PublishedOn", ChinaTime.FromUtc(published).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]
            : draftWarning);

        var blocks = new List<WordBlock>();
        var paragraphs = narrative.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        blocks.AddRange(paragraphs.Length == 0 ? [new WordParagraph(text["Document.NoNarrative"], IsNote: true)] : paragraphs.Select(p => new WordParagraph(p)));

        blocks.Add(new WordHeading(text["Document.ReceivedHeading"]));
        blocks.Add(new WordTable(
            [new(text["Col.Level"], Weight: 0.6), new(text["Col.FundingSource"], Weight: 2), new(text["Col.Grantor"], Weight: 1.2), new(text["Col.Received"], IsNumeric: true)],
            figures.Received.Select(r => new WordRow([Level(r.Level, text), r.SourceName + "\n" + r.DocumentNumber, r.Grantor ?? "—", Money(r.Amount)])).ToList(),
            [
                .. figures.ReceivedByLevel().Select(l => new WordRow([text["Document.LevelSubtotal", Level(l.Level, text)], Money(l.Amount)], LabelSpan: 3)),
                new WordRow([text["Label.Total"], Money(figures.ReceivedTotal)], LabelSpan: 3),
            ]));

        var separator = text.IsEnglish ? ", " : "、";
        blocks.Add(new WordHeading(text["Document.ProjectsHeading"]));
        blocks.Add(new WordTable(
            [
                new(text["Col.Title"], Weight: 1.6), new(text["Col.Agency"], Weight: 1.1), new(text["Col.TargetGroups"], Weight: 0.9),
                new(text["Col.Allocated"], IsNumeric: true), new(text["Col.Disbursed"], IsNumeric: true), new(text["Col.ExecutionRate"], IsNumeric: true),
                new(text["Col.Results"], Weight: 1.6),
            ],
            figures.Projects.Select(p => new WordRow(
            [
                p.Title + "\n" + p.ContractNumber, p.Agency, string.Join(separator, p.TargetGroups.Select(text.Of)),
                Money(p.Allocated), Money(p.Paid), Rate(p.ExecutionRate),
                string.Join("\n", p.Results.Select(i => $"{i.Indicator}{(text.IsEnglish ? ": " : "：")}{Number(i.Actual)}/{Number(i.Target)}\u00A0{i.Unit}")
                    .Prepend(text["Document.PeopleServed", p.PeopleServed])),
            ])).ToList(),
            [
                new WordRow(
                [
                    text["Label.Total"], Money(figures.AllocatedTotal), Money(figures.PaidTotal), Rate(figures.ExecutionRate),
                    text["Document.PeopleServed", figures.PeopleServedTotal],
                ], LabelSpan: 3),
            ]));

        blocks.Add(new WordHeading(text["Document.BalancesHeading"]));
        blocks.Add(new WordTable(
            [
                new(text["Col.FundingSource"]), new(text["Col.Received"], IsNumeric: true), new(text["Col.Disbursed"], IsNumeric: true),
                new(text["Col.AllocatedUnpaid"], IsNumeric: true), new(text["Col.Unallocated"], IsNumeric: true), new(text["Col.CarriedForward"], IsNumeric: true),
            ],
            figures.Balances.Select(b => new WordRow([b.SourceName, Money(b.Amount), Money(b.Paid), Money(b.AllocatedUnpaid), Money(b.Unallocated), Money(b.CarriedForward)])).ToList(),
            [
                new WordRow(
                [
                    text["Label.Total"], Money(figures.Balances.Sum(b => b.Amount)), Money(figures.Balances.Sum(b => b.Paid)),
                    Money(figures.Balances.Sum(b => b.AllocatedUnpaid)), Money(figures.Balances.Sum(b => b.Unallocated)), Money(figures.CarriedForwardTotal),
                ]),
            ]));
        blocks.Add(new WordParagraph(text["Document.Basis", year], IsNote: true));

        return new WordDocument(title, subtitle, blocks, text) { FooterNote = publishedAtUtc is null ? draftWarning : null };
    }

    /// <summary>Yuan with thousands separators and two decimals; the columns' headers say （元）.</summary>
    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Paid ÷ allocated in per cent, two decimals; the header says （%）.</summary>
    public static string Rate(decimal rate) => decimal.Round(rate * 100m, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Level(Domain.Funding.FiscalLevel? level, ExportText text) => level is { } l ? text.Of(l) : text["Label.LevelUnstated"];
}
