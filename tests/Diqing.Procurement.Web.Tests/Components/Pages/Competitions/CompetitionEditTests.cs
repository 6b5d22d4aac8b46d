using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

public sealed class CompetitionEditTests : CompetitionComponentTest
{

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.DraftAsync();
    }

    private IRenderedComponent<CompetitionEdit> Render(int id)
    {
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(Scenario.Organizer<EditCompetitionHandler>());
        Context.Services.AddSingleton(Scenario.Organizer<SaveCompetitionHandler>());
        RenderProviders();
        return Context.Render<CompetitionEdit>(p => p.Add(c => c.Id, id));
    }

    [Fact]
    public async Task The_rubric_total_is_shown_live_and_a_rubric_short_of_100_is_refused_with_the_competitions_message_and_nothing_saved()
    {
        var page = Render(Scenario.CompetitionId);

        page.WaitForAssertion(() => Assert.Equal("100 / 100", page.Find("[data-testid=rubric-total]").TextContent.Trim()));
        page.Find("[data-testid=competition-name-input] input, input[data-testid=competition-name-input]").Change("改过的名字");
        page.FindAll("[data-testid=rubric-row]")[1].QuerySelector("input[data-testid=criterion-max], [data-testid=criterion-max] input")!.Input("15");
        page.WaitForAssertion(() => Assert.Equal("90 / 100", page.Find("[data-testid=rubric-total]").TextContent.Trim()));
        Assert.Contains("mud-error-text", page.Find("[data-testid=rubric-total]").ClassName);
        page.Find("[data-testid=competition-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(Messages.Get("Competition.RubricNot100", 90m), page.Find("[data-testid=competition-error]").TextContent.Trim()));
        Assert.Equal("评分标准各项满分合计须为 100 分（当前 90 分）。", page.Find("[data-testid=competition-error]").TextContent.Trim());
        var saved = await Scenario.ViewAsync();
        Assert.Equal(("2026年公益创投大赛（测试）", 100m), (saved.Name, saved.Criteria.Sum(c => c.MaxPoints)));
    }

    [Fact]
    public async Task A_competition_being_judged_shows_why_it_cannot_be_edited_instead_of_the_form()
    {
        await Scenario.Organizer<CompetitionTransitions>().OpenAsync(Scenario.CompetitionId);
        await Scenario.Organizer<CompetitionTransitions>().StartJudgingAsync(Scenario.CompetitionId);
        var page = Render(Scenario.CompetitionId);

        page.WaitForAssertion(() => Assert.Equal(Messages.Get("Competition.WrongPhase"), page.Find("[data-testid=competition-not-found]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=competition-save]"));
    }
}
