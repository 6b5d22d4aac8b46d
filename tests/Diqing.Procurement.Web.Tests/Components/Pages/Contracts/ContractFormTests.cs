using Bunit;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Contracts.Components;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>The draft form shows SaveContractDraftValidator's messages, including those of fields without a MudForm binding.</summary>
public sealed class ContractFormTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        Context.Services.AddSingleton<IValidator<SaveContractDraftCommand>>(new SaveContractDraftValidator());
        Context.Services.AddSingleton(_app.As<LookupAgenciesHandler>(Roles.ProcurementOfficer));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Missing_target_groups_and_an_incomplete_indicator_are_reported_on_the_form()
    {
        var command = ContractScenario.Draft(await _app.AddAgencyAsync(), 100_000m);
        command.TargetGroups = [];
        command.Indicators = [new IndicatorInput { Name = "入户探访", Unit = "", Target = 300 }];
        var form = Context.Render<ContractForm>(p => p.Add(f => f.Command, command));

        var valid = await form.InvokeAsync(() => form.Instance.ValidateAsync());

        Assert.False(valid);
        form.WaitForAssertion(() => Assert.Contains(Messages.Get("Contract.TargetGroupsRequired"), form.Markup));
        Assert.Contains(Messages.Get("Contract.IndicatorInvalid"), form.Find("[data-testid=indicator-row]").TextContent);
    }

    [Fact]
    public async Task A_term_over_a_year_asks_for_a_justification()
    {
        var command = ContractScenario.Draft(await _app.AddAgencyAsync(), 100_000m, end: new DateOnly(2027, 6, 30));

        var form = Context.Render<ContractForm>(p => p.Add(f => f.Command, command));

        Assert.NotNull(form.Find("[data-testid=contract-justification]"));
        Assert.False(await form.InvokeAsync(() => form.Instance.ValidateAsync()));
        command.TermJustification = "跨年度连续服务";
        Assert.True(await form.InvokeAsync(() => form.Instance.ValidateAsync()));
    }

    [Fact]
    public async Task Suspended_agencies_are_marked_in_the_picker_and_cannot_be_chosen()
    {
        await _app.AddAgencyAsync();
        var suspended = await _app.AddAgencyAsync("香格里拉测试中心", "52533401MJD0000025", Domain.Agencies.County.ShangriLa);
        await _app.As<ChangeAgencyStatusHandler>(Roles.ProcurementOfficer).SuspendAsync(suspended);
        var command = ContractScenario.Draft(suspended, 100_000m); // a draft written before the agency was suspended
        var popovers = Context.Render<MudBlazor.MudPopoverProvider>();

        var form = Context.Render<ContractForm>(p => p.Add(f => f.Command, command));

        // The draft's agency shows marked, with the reason underneath (MudSelect puts the test id on its input).
        // The draft's agency shows marked, with the reason underneath.
        var shown = form.Find("div[data-testid=contract-agency]");
        Assert.Equal("香格里拉测试中心（已暂停）", shown.TextContent.Trim());
        Assert.Contains("该机构已暂停", form.Find($"[id='{shown.GetAttribute("aria-describedby")}']").TextContent);
        shown.Closest(".mud-select")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=agency-option-suspended]")));
        var option = Assert.Single(popovers.FindAll("[data-testid=agency-option-suspended]"));
        Assert.Contains("香格里拉测试中心（已暂停）", option.TextContent);
        Assert.Contains("mud-list-item-disabled", option.ClassName);
        Assert.DoesNotContain("已暂停", Assert.Single(popovers.FindAll("[data-testid=agency-option]")).TextContent);
    }
}
