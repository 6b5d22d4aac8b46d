using Bunit;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Agencies;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Agencies;

public sealed class AgencyDetailsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_agency_page_lists_its_contracts_with_their_evaluation_grades()
    {
        var agencyId = await _app.AddAgencyAsync();
        var scenario = new ContractScenario(_app);
        var evaluated = await scenario.SignedAsync(agencyId, 100_000m);
        var lifecycle = _app.As<ContractTransitions>(Roles.ProcurementOfficer);
        await lifecycle.StartAsync(evaluated.ContractId);
        await lifecycle.ApproveMilestoneReportAsync(evaluated.ContractId, evaluated.MidTermMilestoneId);
        await lifecycle.ApproveMilestoneReportAsync(evaluated.ContractId, evaluated.CompletionMilestoneId);
        await lifecycle.AcceptAsync(evaluated.ContractId);
        await lifecycle.EvaluateAsync(evaluated.ContractId, 92.5m, new DateOnly(2026, 12, 20), "服务记录完整");
        var draftId = await scenario.DraftAsync(agencyId, 50_000m);

        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(_app.As<GetAgencyHandler>(Roles.ProcurementOfficer));
        Context.Services.AddSingleton(_app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var page = Context.Render<AgencyDetails>(p => p.Add(c => c.Id, agencyId));

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=agency-contract-{evaluated.ContractId}]")));
        var row = page.Find($"[data-testid=agency-contract-{evaluated.ContractId}]");
        Assert.Contains("已验收", row.TextContent);
        Assert.Equal("92.5 · 优秀 · 2026-12-20", row.QuerySelector("[data-testid=agency-contract-evaluation]")!.TextContent.Trim());
        Assert.Equal($"contracts/{evaluated.ContractId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("—", page.Find($"[data-testid=agency-contract-{draftId}] [data-testid=agency-contract-evaluation]").TextContent.Trim());
    }
}
