using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Competitions;

[Collection(CompetitionStatesCollection.Name)]
public sealed class SaveEntryTests(CompetitionStates states)
{
    [Fact]
    public async Task R18_a_draft_is_saved_until_the_instant_the_window_closes()
    {
        var s = await states.TrialAsync(State.Open);
        var form = await s.As<EditEntryHandler>(Actor.Agency).HandleAsync(s.CompetitionId, s.EntryC);
        s.Clock.UtcNow = s.SubmissionClosesAtUtc.AddTicks(-1);
        form.Command.Plan = "每周两次入户";
        await s.As<SaveEntryHandler>(Actor.Agency).HandleAsync(form.Command);
        Assert.Equal("每周两次入户", (await s.As<GetEntryHandler>(Actor.Agency).HandleAsync(s.EntryC)).Plan);

        s.Clock.UtcNow = s.SubmissionClosesAtUtc;
        Assert.Equal("Entry.OutsideWindow", (await Assert.ThrowsAsync<DomainException>(() => s.As<SaveEntryHandler>(Actor.Agency).HandleAsync(form.Command))).Code);
        await s.App.DisposeAsync();
    }

    [Fact]
    public async Task Input_errors_are_refused_in_written_sentences()
    {
        var s = await states.TrialAsync(State.Open);
        using (new CultureScope("zh-CN"))
        {
            var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => s.As<SaveEntryHandler>(Actor.Agency).HandleAsync(
                new SaveEntryCommand { CompetitionId = s.CompetitionId, Title = "", RequestedAmount = 0.001m }));
            Assert.Equal([Messages.Get("Contract.TitleRequired"), Messages.Get("Entry.AmountInvalid"), Messages.Get("Entry.BudgetLineInvalid")],
                refused.Errors.Select(e => e.ErrorMessage).Distinct());
        }

        await s.App.DisposeAsync();
    }
}
