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
        var contract = new PurchaseContract("DQMZ-2026-0001", 2026, 1, new ContractDetails(
            "独居老人康乐屋", "迪庆州民政局", 1, ProcurementMethod.CompetitiveConsultation, ServiceCategory.SocialIntegration,
            [TargetGroup.Elderly], County.Deqin, null, 100_000m, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, null), DateTime.UtcNow);
        var detail = new ContractDetail(contract, "德钦县社会工作服务中心", true, [], [], [], new ContractActions(offered.ToHashSet(), false), []);
        return Context.Render<LifecycleBar>(p => p.Add(b => b.Detail, detail).Add(b => b.Changed, () => { }));
    }
}
