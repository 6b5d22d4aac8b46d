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
        Context.Services.AddSingleton(_app.As<AgencyLookupHandler>(Roles.ProcurementOfficer));
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
}
