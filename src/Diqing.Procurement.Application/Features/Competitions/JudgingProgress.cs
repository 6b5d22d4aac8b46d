using System.Globalization;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

/// <summary>R-28 as the organiser reads it: the competition's judging gaps, each named in the user's language.</summary>
internal sealed record JudgingProgressReport(JudgingGaps Gaps, IReadOnlyList<string> Missing)
{
    /// <summary>The whole refusal: what is missing, and that an early publication needs a reason.</summary>
    public string Summary => string.Join(Messages.Get("List.Separator"), Missing);
}

internal static class JudgingProgress
{
    public static async Task<JudgingProgressReport> LoadAsync(ProcurementDbContext db, Competition competition, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var entries = await db.CompetitionEntries.AsNoTracking()
            .Where(e => e.CompetitionId == competition.Id && e.Status == EntryStatus.Submitted)
            .OrderBy(e => e.SubmittedAtUtc).Select(e => new { e.Id, e.AgencyId, e.Title }).ToListAsync(cancellationToken);
        var declarations = await db.ConflictDeclarations.AsNoTracking().Where(d => d.CompetitionId == competition.Id).ToListAsync(cancellationToken);
        var assignments = await db.JudgeAssignments.AsNoTracking().Where(a => a.CompetitionId == competition.Id).ToListAsync(cancellationToken);
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.CompetitionId == competition.Id).ToListAsync(cancellationToken);
        var gaps = competition.GapsIn(entries.Select(e => (e.Id, e.AgencyId)).ToList(), declarations, assignments, sheets, nowUtc);

        var judgeIds = gaps.UndeclaredJudgeIds.Concat(gaps.MissingSheets.Select(m => m.JudgeId)).Distinct().ToList();
        var judges = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) || u.DisplayName == u.UserName ? u.UserName! : $"{u.DisplayName}（{u.UserName}）", cancellationToken);
        var titles = entries.ToDictionary(e => e.Id, e => e.Title);

        var missing = new List<string>();
        missing.AddRange(gaps.UndeclaredJudgeIds.Select(j => Messages.Get("Judging.Gap.Undeclared", judges.GetValueOrDefault(j, j))));
        missing.AddRange(gaps.MissingSheets.Select(m => Messages.Get("Judging.Gap.SheetMissing", judges.GetValueOrDefault(m.JudgeId, m.JudgeId), titles[m.EntryId])));
        missing.AddRange(gaps.UnassignedEntryIds.Select(e => Messages.Get("Judging.Gap.Unassigned", titles[e])));
        if (gaps.WindowClosesAtUtc is { } closes)
        {
            missing.Add(Messages.Get("Judging.Gap.WindowOpen", ChinaTime.FromUtc(closes).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        }

        return new JudgingProgressReport(gaps, missing);
    }
}
