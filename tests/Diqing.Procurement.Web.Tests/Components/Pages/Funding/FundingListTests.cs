using Bunit;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Funding;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Funding;

/// <summary>The funding page over a real SQLite database: the balances shown are the ones the money model computes.</summary>
public sealed class FundingListTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_list_shows_amount_allocated_disbursed_and_available_per_source_and_in_total()
    {
        var save = _app.As<SaveFundingSourceHandler>(Roles.FinanceOfficer);
        var lottery = await save.HandleAsync(new SaveFundingSourceCommand
        {
            Name = "福彩公益金（测试）", Kind = FundingKind.WelfareLottery, FiscalYear = 2026, DocumentNumber = "测-1", Amount = 1_200_000m,
        });
        await save.HandleAsync(new SaveFundingSourceCommand
        {
            Name = "活水计划（测试）", Kind = FundingKind.ExternalGrant, Grantor = "中国乡村发展基金会", FiscalYear = 2026, DocumentNumber = "测-2", Amount = 300_000m,
        });
        // A 450,000.50 contract, funded from the lottery source, whose 30 % first installment (135,000.15) is paid.
        var scenario = new ContractScenario(_app);
        var contractId = await scenario.DraftAsync(await _app.AddAgencyAsync(), 450_000.50m, [TargetGroup.Elderly]);
        await scenario.PlanAsync(contractId);
        await _app.As<Diqing.Procurement.Application.Features.Contracts.AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(contractId, lottery, 450_000.50m);
        await _app.As<Diqing.Procurement.Application.Features.Contracts.ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5));
        var first = (await _app.As<Diqing.Procurement.Application.Features.Contracts.GetContractHandler>(Roles.FinanceOfficer).HandleAsync(contractId))
            .Installments.Single(i => i.Sequence == 1);
        await _app.As<Diqing.Procurement.Application.Features.Contracts.RecordPaymentHandler>(Roles.FinanceOfficer).HandleAsync(
            new Diqing.Procurement.Application.Features.Contracts.RecordPaymentCommand(contractId, first.Id, "记-001", new DateOnly(2026, 5, 1), first.Amount));

        SignIn(Roles.FinanceOfficer);
        Context.Services.AddSingleton(_app.As<ListFundingSourcesHandler>(Roles.FinanceOfficer));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var page = Context.Render<FundingList>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=funding-row-{lottery}]")));
        var row = page.Find($"[data-testid=funding-row-{lottery}]").TextContent;
        Assert.Contains("¥1,200,000.00", row);
        Assert.Contains("¥450,000.50", row);
        Assert.Contains("¥135,000.15", row);
        Assert.Equal("¥749,999.50", page.Find($"[data-testid=funding-row-{lottery}] [data-testid=available]").TextContent.Trim());
        var total = page.Find("[data-testid=funding-grand-total]").TextContent;
        Assert.Contains("¥1,500,000.00", total);
        Assert.Contains("¥1,049,999.50", total);
        Assert.Contains("福彩公益金", page.Find("[data-testid=funding-totals]").TextContent);
        Assert.NotNull(page.Find("[data-testid=funding-create]"));
    }
}
