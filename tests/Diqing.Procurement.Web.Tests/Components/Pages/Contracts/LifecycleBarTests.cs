using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Web.Components.Pages.Contracts.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>The lifecycle bar shows the steps the server offers (<see cref="ContractActions"/>), in lifecycle order, and decides nothing from the status itself.</summary>
public sealed class LifecycleBarTests : MudTestContext
{
    [Fact]
    public void It_shows_exactly_the_offered_steps_in_lifecycle_order()
    {
        // A draft, yet offered Close and Resume: the bar must follow the flags, not the status.
        var bar = Render(ContractAction.Close, ContractAction.EditDraft, ContractAction.Resume, ContractAction.RecordPayment);

        Assert.Equal(["lifecycle-resume", "lifecycle-close"], bar.FindAll("[data-testid^=lifecycle-]").Select(b => b.GetAttribute("data-testid")));
    }

    [Fact]
    public void Nothing_offered_shows_no_buttons() =>
        Assert.Empty(Render().FindAll("[data-testid^=lifecycle-]"));

    private IRenderedComponent<LifecycleBar> Render(params ContractAction[] offered)
    {
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(new ContractTransitions(null!, null!, TimeProvider.System)); // never called here
        Context.Services.AddScoped<UserFeedback>();
        return Context.Render<LifecycleBar>(p => p.Add(b => b.ContractId, 1).Add(b => b.Actions, new ContractActions(offered.ToHashSet(), false)).Add(b => b.Changed, () => { }));
    }
}
