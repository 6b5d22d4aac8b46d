using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class ReopenScoreSheetTests(CompetitionStates states)
{
    [Fact]
    public async Task Only_an_administrator_reopens_a_submitted_sheet_and_the_reopening_is_audited()
    {
        var s = await states.TrialAsync(State.Judging);
        int sheetId;
        await using (var db = await s.App.DbAsync())
        {
            sheetId = await db.ScoreSheets.Where(x => x.EntryId == s.EntryA && x.JudgeId == s.Judges[0].Id).Select(x => x.Id).SingleAsync();
        }

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.Organizer<ReopenScoreSheetHandler>().HandleAsync(new ReopenScoreSheetCommand(sheetId, "录入错误")));
        await s.As<ReopenScoreSheetHandler>(Actor.Administrator).HandleAsync(new ReopenScoreSheetCommand(sheetId, "录入错误"));

        Assert.True((await s.As<GetScoreSheetHandler>(Actor.Judge).HandleAsync(s.EntryA)).CanEdit);
        await using var check = await s.App.DbAsync();
        Assert.Contains(check.AuditEntries.Where(e => e.EntityType == nameof(ScoreSheet) && e.UserName == "admin").Select(e => e.Changes), c => c.Contains("录入错误"));
        await s.App.DisposeAsync();
    }
}
