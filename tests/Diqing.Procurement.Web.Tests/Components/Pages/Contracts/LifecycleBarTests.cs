using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
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

    [Fact]
    public async Task R29_starting_a_signed_contract_says_what_follows_and_only_a_confirmation_starts_it()
    {
        await using var app = await TestApp.CreateAsync();
        var changed = 0;
        var (contractId, bar, dialogs) = await RenderSignedAsync(app, () => changed++);

        bar.Find("[data-testid=lifecycle-start]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("开始履行后，合同不能退回“已签订”状态", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("不能退回", dialogs.Markup));
        Assert.Equal(ContractStatus.Signed, (await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId)).Contract.Status);

        bar.Find("[data-testid=lifecycle-start]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("不能退回", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "开始履行").Click();
        bar.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal(ContractStatus.InProgress, (await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId)).Contract.Status);
    }

    [Fact]
    public async Task R29_terminating_needs_a_reason_and_says_the_contract_cannot_resume()
    {
        await using var app = await TestApp.CreateAsync();
        var (contractId, bar, dialogs) = await RenderSignedAsync(app, () => { });

        bar.Find("[data-testid=lifecycle-terminate]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("终止后合同不能恢复", dialogs.Find("[data-testid=reason-dialog]").TextContent));
        dialogs.Find("[data-testid=dialog-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Assert.Equal(ContractStatus.Signed, (await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId)).Contract.Status);

        dialogs.Find("[data-testid=reason-input] textarea, textarea[data-testid=reason-input]").Input("机构注销，无法继续履行");
        dialogs.Find("[data-testid=dialog-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reason-dialog]")));
        var terminated = (await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId)).Contract;
        Assert.Equal((ContractStatus.Terminated, "机构注销，无法继续履行"), (terminated.Status, terminated.StatusReason));
    }

    /// <summary>The bar of a signed contract on a real database, with the real transitions and a dialog provider.</summary>
    private async Task<(int ContractId, IRenderedComponent<LifecycleBar> Bar, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs)> RenderSignedAsync(TestApp app, Action changed)
    {
        var contractId = (await new ContractScenario(app).SignedAsync(await app.AddAgencyAsync(), 100_000m)).ContractId;
        var detail = await app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(contractId);
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(app.As<ContractTransitions>(Roles.ProcurementOfficer));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var bar = Context.Render<LifecycleBar>(p => p.Add(b => b.ContractId, contractId).Add(b => b.Actions, detail.Actions).Add(b => b.Changed, changed));
        return (contractId, bar, dialogs);
    }

    private IRenderedComponent<LifecycleBar> Render(params ContractAction[] offered)
    {
        SignIn(Roles.ProcurementOfficer);
        Context.Services.AddSingleton(new ContractTransitions(null!, null!, TimeProvider.System)); // never called here
        Context.Services.AddScoped<UserFeedback>();
        return Context.Render<LifecycleBar>(p => p.Add(b => b.ContractId, 1).Add(b => b.Actions, new ContractActions(offered.ToHashSet(), false)).Add(b => b.Changed, () => { }));
    }
}
