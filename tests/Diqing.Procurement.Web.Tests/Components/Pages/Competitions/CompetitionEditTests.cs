using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

public sealed class CompetitionEditTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_rubric_total_is_shown_live_and_a_rubric_short_of_100_is_refused_with_the_competitions_message()
    {
        var now = Domain.Common.ChinaTime.FromUtc(DateTime.UtcNow);
        var setup = _app.As<CompetitionSetupHandler>(Roles.ProcurementOfficer);
        var id = await setup.SaveAsync(new SaveCompetitionCommand(null, "测试大赛", 2026, "主题", 100_000m, 50_000m, [Domain.Common.TargetGroup.Elderly],
            now.AddDays(1), now.AddDays(10), now.AddDays(11), now.AddDays(20)));
        await setup.SetRubricAsync(id, [new("需求", null, 60m), new("设计", null, 40m)]);
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(_app.As<CompetitionSetupHandler>(Roles.ProcurementOfficer));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var page = Context.Render<CompetitionEdit>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.Equal("100 / 100", page.Find("[data-testid=rubric-total]").TextContent.Trim()));
        page.FindAll("[data-testid=rubric-row]")[1].QuerySelector("input[data-testid=criterion-max], [data-testid=criterion-max] input")!.Input("30");
        page.WaitForAssertion(() => Assert.Equal("90 / 100", page.Find("[data-testid=rubric-total]").TextContent.Trim()));
        page.Find("[data-testid=competition-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(Messages.Get("Competition.RubricNot100", 90.0m), page.Find("[data-testid=competition-error]").TextContent.Trim()));
        var saved = (await setup.ListAsync()).Single(c => c.Id == id);
        Assert.Equal(100m, saved.Criteria.Sum(c => c.MaxPoints));
    }
}
