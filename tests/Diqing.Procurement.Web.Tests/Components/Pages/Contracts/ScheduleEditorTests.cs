using System.Globalization;
using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Contracts.Components;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>The schedule editor over a real database: lines keep their mode, the total follows the typing, and a schedule
/// that does not add up is saved only as an incomplete draft.</summary>
public sealed class ScheduleEditorTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _contractId;
    private int _midTerm;
    private int _completion;
    private bool? _closedWith;
    private bool _rendered;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
        _contractId = await _scenario.DraftAsync(await _app.AddAgencyAsync(), 100_000m);
        (_midTerm, _completion) = await _scenario.PlanAsync(_contractId);
        // 30 % on signing, ¥40,000 on the mid-term report, 30 % on completion.
        await _app.As<ChangeContractPlanHandler>(Roles.ProcurementOfficer).SetScheduleAsync(_contractId,
        [
            new InstallmentInput("首付款", null, 30m, InstallmentCondition.OnSigning, null),
            new InstallmentInput("中期款", 40_000m, null, InstallmentCondition.OnMilestoneApproval, _midTerm),
            new InstallmentInput("尾款", null, 30m, InstallmentCondition.OnMilestoneApproval, _completion),
        ]);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Each_line_keeps_the_mode_it_was_entered_in_after_a_save_and_reopening()
    {
        var editor = await RenderAsync();
        AssertLines(editor, ("按比例", 30m), ("按金额", 40_000m), ("按比例", 30m));
        Assert.Equal("¥100,000.00", Text(editor, "schedule-total"));
        Assert.Equal("合计与合同金额一致。", Text(editor, "schedule-difference"));

        await editor.Find("[data-testid=schedule-save]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.True(_closedWith));

        var reopened = await RenderAsync();
        AssertLines(reopened, ("按比例", 30m), ("按金额", 40_000m), ("按比例", 30m));
        await using var db = await _app.DbAsync();
        var saved = await db.Installments.Where(i => i.ContractId == _contractId).OrderBy(i => i.Sequence).ToListAsync();
        Assert.Equal([30m, null, 30m], saved.Select(i => i.Percent));
        Assert.Equal([30_000m, 40_000m, 30_000m], saved.Select(i => i.Amount));
    }

    [Fact]
    public async Task The_total_and_the_difference_follow_the_typing()
    {
        var editor = await RenderAsync();

        Values(editor)[0].Input("50");
        Assert.Equal("¥120,000.00", Text(editor, "schedule-total"));
        Assert.Contains("-¥20,000.00", Text(editor, "schedule-difference"));
        Assert.Contains("= ¥50,000.00", editor.FindAll("[data-testid=schedule-line]")[0].TextContent);

        Values(editor)[1].Input("25000.5");
        Assert.Equal("¥105,000.50", Text(editor, "schedule-total"));
        Assert.Contains("-¥5,000.50", Text(editor, "schedule-difference"));

        Values(editor)[0].Input("20");
        Values(editor)[1].Input("50000");
        Assert.Equal("¥100,000.00", Text(editor, "schedule-total"));
        Assert.Equal("合计与合同金额一致。", Text(editor, "schedule-difference"));
    }

    [Fact]
    public async Task A_schedule_that_does_not_add_up_is_saved_only_as_an_incomplete_draft()
    {
        var editor = await RenderAsync();
        Assert.Empty(editor.FindAll("[data-testid=schedule-save-incomplete]"));

        Values(editor)[0].Input("40");
        Assert.True(editor.Find("[data-testid=schedule-save]").HasAttribute("disabled"));
        Assert.Contains("-¥10,000.00", Text(editor, "schedule-difference"));
        Assert.Null(_closedWith);
        Assert.Equal(100_000m, await SavedTotalAsync()); // nothing saved yet

        await editor.Find("[data-testid=schedule-save-incomplete]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.True(_closedWith));
        Assert.Equal(110_000m, await SavedTotalAsync());

        // Signing still needs the schedule to add up.
        var ex = await Assert.ThrowsAsync<Domain.Common.DomainException>(() =>
            _app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(_contractId, new DateOnly(2026, 1, 5)));
        Assert.Equal("Contract.ScheduleNotAmount", ex.Code);
    }

    private async Task<decimal> SavedTotalAsync()
    {
        var detail = await _app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(_contractId);
        return detail.Installments.Sum(i => i.Amount);
    }

    private async Task<IRenderedComponent<ScheduleEditor>> RenderAsync()
    {
        _closedWith = null;
        var detail = await _app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(_contractId);
        if (!_rendered)
        {
            SignIn(Roles.ProcurementOfficer);
            Context.Services.AddSingleton(_app.As<ChangeContractPlanHandler>(Roles.ProcurementOfficer));
            Context.Services.AddScoped<UserFeedback>();
            Context.Render<MudBlazor.MudPopoverProvider>();
            _rendered = true;
        }

        return Context.Render<ScheduleEditor>(p => p
            .Add(c => c.Detail, detail)
            .Add(c => c.Closed, saved => _closedWith = saved));
    }

    private static void AssertLines(IRenderedComponent<ScheduleEditor> editor, params (string Mode, decimal Value)[] expected)
    {
        var modes = editor.FindAll("[data-testid=schedule-line]").Select(l => l.QuerySelector("[data-testid=schedule-mode]")!.TextContent.Trim()).ToList();
        var values = Values(editor).Select(v => decimal.Parse(v.GetAttribute("value")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected.Select(e => e.Mode), modes);
        Assert.Equal(expected.Select(e => e.Value), values);
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Values(IRenderedComponent<ScheduleEditor> editor) =>
        editor.FindAll("input[data-testid=schedule-value], [data-testid=schedule-value] input");

    private static string Text(IRenderedComponent<ScheduleEditor> editor, string testId) =>
        editor.Find($"[data-testid={testId}]").TextContent.Trim();
}
