using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Funding;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Funding;

/// <summary>The funding source page names the contracts it funds by number and title, linking to each.</summary>
public sealed class FundingDetailsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Allocations_and_disbursements_show_the_contract_number_and_title_linking_to_the_contract()
    {
        var signed = await new ContractScenario(_app).SignedAsync(await _app.AddAgencyAsync(), 100_000m);
        var contract = await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(signed.ContractId);
        var first = contract.Installments[0];
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer)
            .HandleAsync(new RecordPaymentCommand(signed.ContractId, first.Id, "记-001", new DateOnly(2026, 2, 1), first.Amount));

        SignIn(Roles.Auditor);
        Context.Services.AddSingleton(_app.As<GetFundingSourceHandler>(Roles.Auditor));
        Context.Services.AddScoped<UserFeedback>();
        var page = Context.Render<FundingDetails>(p => p.Add(c => c.Id, signed.SourceId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));

        foreach (var row in new[] { page.Find("[data-testid=allocation-row]"), page.Find("[data-testid=disbursement-row]") })
        {
            var link = row.QuerySelector("[data-testid=contract-link]")!;
            Assert.Equal(contract.Contract.Number, link.TextContent.Trim());
            Assert.Equal($"contracts/{contract.Contract.Id}", link.GetAttribute("href"));
            Assert.Contains(contract.Contract.Title, row.TextContent);
            Assert.DoesNotContain($"#{contract.Contract.Id}", row.TextContent);
        }
    }
}
