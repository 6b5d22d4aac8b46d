using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Excel;
using Diqing.Procurement.Domain.Competitions;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>The score sheet of one competition, for the bureau and auditors (it shows every entry's scores).</summary>
public sealed record CompetitionScoreLedgerRequest(int CompetitionId) : ExportRequest, IExportKind
{
    public static string Kind => "CompetitionScores";

    public static string Readers => CompetitionAccess.Bureau;
}

/// <summary>
/// 公益创投评分表: per submitted entry, one row per judge with the points per criterion and the judge's
/// total; the entry's first row also carries its final score, rank, spread, flag, award and amounts,
/// all from <see cref="CompetitionScoring"/> (R-21, R-22), rounded for export only.
/// </summary>
internal sealed class CompetitionScoreLedger : ExportDefinition<CompetitionScoreLedgerRequest>
{
    /// <summary>About nine characters a criterion: with more than five the sheet would print below 70 % (LedgerLayout.PageWidth).</summary>
    public const int CriteriaOnMainSheet = 5;

    protected override async Task<ExportDocument> BuildAsync(ExportContext context, CompetitionScoreLedgerRequest request, CancellationToken cancellationToken)
    {
        var (db, text) = (context.Db, context.Text);
        var competitionId = request.CompetitionId;
        var competition = await db.Competitions.AsNoTracking().Include(c => c.Criteria).SingleOrDefaultAsync(c => c.Id == competitionId, cancellationToken)
            ?? throw new NotFoundException(nameof(Competition), competitionId);
        competition.Require(CompetitionAction.ExportScores);
        context.Filter("Competition", competition.Name);

        var ranked = await CompetitionRanking.RankAsync(db, competition, withNormalized: false, cancellationToken);
        var (entries, sheets) = (ranked.Entries, ranked.Sheets);
        var agencyIds = entries.Select(e => e.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var judgeIds = sheets.Select(s => s.JudgeId).Distinct().ToList();
        var judges = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName, cancellationToken);
        var criteria = competition.Criteria.OrderBy(c => c.Order).ToList();
        var results = ranked.Results.ToDictionary(r => r.EntryId);

        // Ranked entries first in rank order, then entries nobody has scored yet.
        var ordered = entries.OrderBy(e => results.TryGetValue(e.Id, out var r) ? r.Rank : int.MaxValue).ThenBy(e => e.SubmittedAtUtc).ToList();
        // The criteria's points sit beside the totals while the sheet stays a page wide; beyond that they get a sheet of their own.
        var criteriaApart = criteria.Count > CriteriaOnMainSheet;
        var rows = new List<object?[]>();
        var points = new List<object?[]>();
        foreach (var entry in ordered)
        {
            var result = results.GetValueOrDefault(entry.Id);
            var entrySheets = sheets.Where(s => s.EntryId == entry.Id).OrderBy(s => judges.GetValueOrDefault(s.JudgeId), StringComparer.Ordinal).ToList();
            for (var i = 0; i < Math.Max(1, entrySheets.Count); i++)
            {
                var sheet = i < entrySheets.Count ? entrySheets[i] : null;
                var first = i == 0;
                var judge = sheet is null ? null : judges.GetValueOrDefault(sheet.JudgeId, sheet.JudgeId);
                var criterionPoints = criteria.Select(c => (object?)sheet?.Scores.FirstOrDefault(s => s.CriterionId == c.Id)?.Points).ToList();
                var row = new List<object?> { first ? result?.Rank : null, entry.Title, agencies.GetValueOrDefault(entry.AgencyId), judge };
                if (!criteriaApart)
                {
                    row.AddRange(criterionPoints);
                }

                row.Add(sheet?.Total);
                row.Add(first ? result?.FinalScore : null);
                row.Add(first ? result?.Spread : null);
                row.Add(first && result is { SpreadFlagged: true } ? text["Label.Yes"] : null);
                row.Add(first ? text.Of(entry.Award) : null);
                row.Add(first ? entry.RequestedAmount : null);
                row.Add(first && entry.Award == AwardDecision.Awarded ? entry.RequestedAmount : null);
                rows.Add(row.ToArray());
                points.Add([first ? result?.Rank : null, entry.Title, judge, .. criterionPoints]);
            }
        }

        var criterionColumns = criteria.Select(c => text.Column("Criterion", LedgerCellKind.Decimal, arguments: [c.Name, c.MaxPoints.ToString("0.##", text.Culture)])).ToList();
        List<LedgerColumn> columns =
        [
            text.Column("Rank", LedgerCellKind.Integer),
            text.Column("EntryTitle", LedgerCellKind.Text, wrapAt: 18),
            text.Column("Agency", LedgerCellKind.Text, wrapAt: 14),
            text.Column("Judge", LedgerCellKind.Text, wrapAt: 8),
            .. criteriaApart ? new List<LedgerColumn>() : criterionColumns,
            text.Column("JudgeTotal", LedgerCellKind.Decimal),
            text.Column("FinalScore", LedgerCellKind.Decimal),
            text.Column("Spread", LedgerCellKind.Decimal),
            text.Column("SpreadFlag", LedgerCellKind.Text, LedgerTotal.Count, counts: "Flagged"),
            text.Column("Award", LedgerCellKind.Text),
            text.Column("RequestedAmount", LedgerCellKind.Money, LedgerTotal.Sum),
            text.Column("AwardedAmount", LedgerCellKind.Money, LedgerTotal.Sum),
        ];
        var title = text["Title.CompetitionScores"];
        var heading = title + (text.IsEnglish ? ": " : "：") + competition.Name;
        var preamble = context.Preamble(heading);
        List<LedgerSheet> ledger = [new LedgerSheet(competition.Name, preamble, columns, rows.Count, LedgerRows.Of(rows))];
        if (criteriaApart)
        {
            List<LedgerColumn> pointColumns =
            [
                text.Column("Rank", LedgerCellKind.Integer),
                text.Column("EntryTitle", LedgerCellKind.Text, wrapAt: 18),
                text.Column("Judge", LedgerCellKind.Text, wrapAt: 8),
                .. criterionColumns,
            ];
            ledger.Add(new LedgerSheet(text["Sheet.CriterionPoints"], preamble, pointColumns, points.Count, LedgerRows.Of(points)));
        }

        return new LedgerDocument(heading, ledger, text);
    }
}
