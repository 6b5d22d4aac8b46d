using Bunit;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Contracts.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>The contract list's filters: native selects that show the query they were given and hand back the changed one.</summary>
public sealed class ContractListFiltersTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private readonly List<ListContractsQuery> _changes = [];

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    private IRenderedComponent<ContractListFilters> Render(ListContractsQuery query)
    {
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(_app.As<LookupAgenciesHandler>(Roles.ProcurementOfficer));
        Context.Render<MudBlazor.MudPopoverProvider>();
        return Context.Render<ContractListFilters>(p => p
            .Add(c => c.Query, query)
            .Add(c => c.QueryChanged, EventCallback.Factory.Create<ListContractsQuery>(this, q => _changes.Add(q))));
    }

    [Fact]
    public void A_dashboard_link_opens_the_list_with_its_filters_shown()
    {
        var filters = Render(new ListContractsQuery { Status = ContractStatus.Signed, Year = 2026, Sort = ContractSort.AmountDescending });

        // The chosen option is marked in the options' markup (one string per language and choice, shared by every open list).
        Assert.Equal("Signed", filters.Find("[data-testid=contract-status-filter] option[selected]").GetAttribute("value"));
        Assert.Equal("2026", filters.Find("[data-testid=contract-year-filter]").GetAttribute("value"));
        Assert.Equal("AmountDescending", filters.Find("[data-testid=contract-sort] option[selected]").GetAttribute("value"));
        Assert.Equal(string.Empty, filters.Find("[data-testid=contract-group-filter] option[selected]").GetAttribute("value"));
        Assert.Single(filters.FindAll("[data-testid=contract-status-filter] option[selected]"));

        // A changed query moves the mark; the same query again (only its page differs) renders nothing anew.
        filters.Render(p => p.Add(c => c.Query, new ListContractsQuery { Status = ContractStatus.Draft, Year = 2026, Sort = ContractSort.AmountDescending }));
        Assert.Equal("Draft", filters.Find("[data-testid=contract-status-filter] option[selected]").GetAttribute("value"));
        var renders = filters.RenderCount;
        filters.Render(p => p.Add(c => c.Query, new ListContractsQuery { Status = ContractStatus.Draft, Year = 2026, Sort = ContractSort.AmountDescending, Page = 4 }));
        Assert.Equal(renders, filters.RenderCount);
    }

    [Fact]
    public async Task Typing_a_search_hands_it_on_once_after_the_last_keystroke_and_the_clear_button_empties_it()
    {
        var filters = Render(new ListContractsQuery { Page = 2 });
        var search = filters.Find("[data-testid=contract-search]");
        Assert.Equal("搜索合同编号、名称或承接机构", search.GetAttribute("aria-label"));

        search.Input("康");
        search.Input("康复");
        Assert.Empty(_changes); // still within the 300 ms debounce
        filters.WaitForState(() => _changes.Count > 0, TimeSpan.FromSeconds(5));
        await Task.Delay(500);
        var handed = Assert.Single(_changes);
        Assert.Equal("康复", handed.Search);
        Assert.Equal(0, handed.Page);

        // The parent's query coming back does not overwrite what is typed; the clear button hands on an empty search.
        filters.Render(p => p.Add(c => c.Query, handed));
        filters.Find("[data-testid=contract-search-clear]").Click();
        Assert.Null(_changes[^1].Search);
        filters.Render(p => p.Add(c => c.Query, _changes[^1]));
        Assert.Empty(filters.FindAll("[data-testid=contract-search-clear]"));
        Assert.Equal(string.Empty, filters.Find("[data-testid=contract-search]").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public void A_check_box_hands_back_its_filter_and_shows_it_checked()
    {
        var filters = Render(new ListContractsQuery { HasPayable = true });
        Assert.True(filters.Find("[data-testid=contract-payable-filter]").HasAttribute("checked"));
        Assert.False(filters.Find("[data-testid=contract-signed-filter]").HasAttribute("checked"));
        Assert.NotNull(filters.Find("label[for=contract-signed-filter]"));

        filters.Find("[data-testid=contract-signed-filter]").Change(true);
        Assert.True(_changes[0].Concluded);
        Assert.True(_changes[0].HasPayable);
    }

    [Fact]
    public void Choosing_in_a_select_hands_back_the_query_with_that_filter_from_the_first_page_and_all_clears_it()
    {
        var filters = Render(new ListContractsQuery { Page = 3, Status = ContractStatus.Signed });

        filters.Find("[data-testid=contract-group-filter]").Change("Children");
        filters.Find("[data-testid=contract-status-filter]").Change(string.Empty);

        Assert.Equal(TargetGroup.Children, _changes[0].TargetGroup);
        Assert.Equal(ContractStatus.Signed, _changes[0].Status);
        Assert.Equal(0, _changes[0].Page);
        Assert.Null(_changes[1].Status);
    }

    [Fact]
    public void Every_choice_is_named_in_chinese_and_each_filter_has_a_label()
    {
        var filters = Render(new ListContractsQuery());

        var status = filters.Find("[data-testid=contract-status-filter]");
        var options = status.QuerySelectorAll("option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal("全部", options[0]);
        Assert.Contains("已签订", options);
        Assert.Equal(Enum.GetValues<ContractStatus>().Length + 1, options.Count);
        Assert.Empty(filters.Find("[data-testid=contract-sort]").QuerySelectorAll("option[value='']"));
        foreach (var select in filters.FindAll("select, input[type=number]"))
        {
            Assert.NotNull(filters.Find($"label[for={select.Id}]"));
        }
    }

    [Fact]
    public async Task The_agency_filter_suggests_agencies_as_typed_and_filters_by_the_name_chosen()
    {
        var deqin = await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F");
        var shangriLa = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        var filters = Render(new ListContractsQuery { Page = 2 });
        var agency = filters.Find("[data-testid=contract-agency-filter]");
        Assert.Equal("contract-agency-options", agency.GetAttribute("list"));
        Assert.NotNull(filters.Find("label[for=contract-agency-filter]"));
        Assert.Empty(filters.FindAll("#contract-agency-options option")); // nothing asked of the server until the field is used

        // The browser's list offers what the server found for the text typed, 200 ms after the last keystroke.
        agency.Input("香格里拉");
        filters.WaitForState(() => filters.FindAll("#contract-agency-options option").Count == 1, TimeSpan.FromSeconds(5));
        Assert.Equal("香格里拉市社会服务工作中心", filters.Find("#contract-agency-options option").GetAttribute("value"));
        Assert.Empty(_changes);

        // A suggestion picked (the browser fills in its whole name) filters the list, from the first page.
        filters.Find("[data-testid=contract-agency-filter]").Input("香格里拉市社会服务工作中心");
        filters.WaitForState(() => _changes.Count > 0, TimeSpan.FromSeconds(5));
        var chosen = Assert.Single(_changes);
        Assert.Equal(shangriLa, chosen.AgencyId);
        Assert.Equal(0, chosen.Page);
        filters.Render(p => p.Add(c => c.Query, chosen));

        // A whole name typed without the list is found too; a name that is no agency says so and drops the filter.
        filters.Find("[data-testid=contract-agency-filter]").Input("德钦县社会工作服务中心");
        filters.WaitForState(() => _changes.Count == 2, TimeSpan.FromSeconds(5));
        Assert.Equal(deqin, _changes[1].AgencyId);
        filters.Render(p => p.Add(c => c.Query, _changes[1]));
        filters.Find("[data-testid=contract-agency-filter]").Input("没有这个机构");
        filters.Find("[data-testid=contract-agency-filter]").Change("没有这个机构");
        filters.WaitForState(() => _changes.Count == 3, TimeSpan.FromSeconds(5));
        Assert.Null(_changes[2].AgencyId);
        Assert.Equal("没有这个名称的承接机构，请从列表中选择。", filters.Find("[data-testid=contract-agency-help]").TextContent.Trim());
        Assert.Equal("true", filters.Find("[data-testid=contract-agency-filter]").GetAttribute("aria-invalid"));

        // Emptying the field clears the filter and the message.
        filters.Render(p => p.Add(c => c.Query, _changes[2] with { AgencyId = deqin }));
        filters.Find("[data-testid=contract-agency-filter]").Input(string.Empty);
        Assert.Null(_changes[^1].AgencyId);
        Assert.Empty(filters.FindAll("[data-testid=contract-agency-help]"));
    }

    [Fact]
    public void The_filters_keep_no_component_per_choice()
    {
        var filters = Render(new ListContractsQuery());

        // Seven MudSelects with their items were ~100 components in every open list (docs/performance.md §1).
        Assert.Empty(filters.FindComponents<MudBlazor.MudSelectItem<ContractStatus?>>());
        Assert.Empty(filters.FindComponents<MudBlazor.MudAutocomplete<AgencyOption>>());
        Assert.Empty(filters.FindComponents<IComponent>()); // everything in the filters is markup
    }
}
