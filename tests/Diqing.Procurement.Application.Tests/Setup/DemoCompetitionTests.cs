using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Application.Setup;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Setup;

/// <summary>The demo competition agrees with R-28: judging is in progress, so publishing it is refused with what is missing.</summary>
public sealed class DemoCompetitionTests : IAsyncLifetime
{
    private readonly TestClock _clock = new(ChinaTime.ToUtc(new DateTime(2026, 12, 2, 10, 0, 0)));
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync(s => s.AddSingleton<TimeProvider>(_clock));
        await ApplicationInitializer.InitializeAsync(_app.Services, _app.Folder, new DemoOptions { Enabled = true }, new BootstrapOptions());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Publishing_the_demo_is_refused_naming_the_undeclared_judge_the_draft_sheet_and_the_open_window()
    {
        int id;
        await using (var db = await _app.DbAsync())
        {
            id = (await db.Competitions.SingleAsync()).Id;
        }

        var officer = _app.As<CompetitionTransitions>(Roles.ProcurementOfficer, userName: "procurement");
        var refused = await Assert.ThrowsAsync<DomainException>(() => officer.PublishAsync(id, null));

        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("评审尚未完成，不能公布结果：评委 评审专家三（演示）（judge3） 尚未申报利益冲突；评委 评审专家（演示）（judge） 尚未提交“高海拔村落独居老人“暖冬”行动（演示）”的评分表；"
                + "评审期到 2026-12-16 09:00 才结束。如确需提前公布，请填写提前公布的理由。", Messages.Get(refused.Code, [.. refused.Arguments]));
        }

        var view = await _app.As<GetCompetitionHandler>(Roles.ProcurementOfficer).HandleAsync(id);
        Assert.Equal((CompetitionPhase.Judging, true), (view.Phase, view.Publication!.NeedsReason));
    }
}
