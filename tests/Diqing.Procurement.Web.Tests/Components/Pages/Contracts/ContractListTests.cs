using Bunit;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Contracts;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>The contract list over a real SQLite database: its rows are written as one piece of markup, so what a user typed must arrive as text.</summary>
public sealed class ContractListTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_row_shows_its_number_as_a_link_the_title_as_typed_and_the_status_chip()
    {
        var agency = await _app.AddAgencyAsync("<b>迪庆</b> & \"社工\"中心");
        var draft = ContractScenario.Draft(agency, 120_000m);
        draft.Title = "<script>alert(1)</script>康乐屋 & 'test'";
        var id = await _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(draft);

        var page = Render();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=contracts-grid] tbody tr")));
        var row = page.Find("[data-testid=contracts-grid] tbody tr");
        Assert.Empty(row.QuerySelectorAll("script, b"));
        Assert.Equal("<script>alert(1)</script>康乐屋 & 'test'", row.QuerySelector("td[data-label=项目名称]")!.TextContent);
        Assert.Equal("<b>迪庆</b> & \"社工\"中心", row.QuerySelector("td[data-label=承接机构]")!.TextContent);
        Assert.Equal($"contracts/{id}", row.QuerySelector("a[data-testid=contract-link]")!.GetAttribute("href"));
        Assert.Equal("草稿", row.QuerySelector("[data-testid=contract-status]")!.TextContent);
        Assert.Equal("¥120,000.00", row.QuerySelector("td[data-label=合同金额]")!.TextContent);
        Assert.Equal("第 1-1 条，共 1 条", page.Find("[data-testid=pager-info]").TextContent);
    }

    [Fact]
    public async Task The_pager_moves_to_the_next_page_and_a_new_page_size_starts_from_the_first()
    {
        var agency = await _app.AddAgencyAsync();
        var drafts = _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer);
        for (var i = 0; i < 23; i++)
        {
            await drafts.HandleAsync(ContractScenario.Draft(agency, 10_000m + i));
        }

        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=contract-link]").Count));
        Assert.True(page.Find("button[aria-label=上一页]").HasAttribute("disabled"));

        page.Find("button[aria-label=下一页]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=contract-link]").Count));
        Assert.Equal("第 21-23 条，共 23 条", page.Find("[data-testid=pager-info]").TextContent);
        Assert.True(page.Find("button[aria-label=下一页]").HasAttribute("disabled"));

        page.Find("[data-testid=pager-size]").Change("50");

        page.WaitForAssertion(() => Assert.Equal(23, page.FindAll("[data-testid=contract-link]").Count));
        Assert.Equal("第 1-23 条，共 23 条", page.Find("[data-testid=pager-info]").TextContent);
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer, true)]
    [InlineData(Roles.Administrator, true)]
    [InlineData(Roles.FinanceOfficer, false)]
    [InlineData(Roles.Auditor, false)]
    public void Only_contract_editors_are_offered_a_new_contract(string role, bool offered)
    {
        var page = Render(role);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=contracts-totals]")));
        Assert.Equal(offered ? 1 : 0, page.FindAll("a[data-testid=contract-create][href='contracts/new']").Count);
    }

    private IRenderedComponent<ContractList> Render(string role = Roles.ProcurementOfficer)
    {
        SignIn(role);
        Context.Services.AddSingleton(_app.As<ListContractsHandler>(Roles.ProcurementOfficer));
        Context.Services.AddSingleton(_app.As<LookupAgenciesHandler>(Roles.ProcurementOfficer));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        return Context.Render<ContractList>();
    }
}
