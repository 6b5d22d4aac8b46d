using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;

namespace Diqing.Procurement.TestSupport;

/// <summary>Report content that is complete for a <see cref="ContractScenario"/> contract (its indicator, target groups and every spending category).</summary>
public static class ReportSamples
{
    public static ReportContent Complete(string narrative = "本期完成入户探访160人次，开展康乐活动12场，服务对象满意度较高。") => new(
        new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), narrative,
        [new IndicatorActual("入户探访", 160m)],
        [new PeopleServed(TargetGroup.PeopleInDifficulty, 85), new PeopleServed(TargetGroup.Elderly, 40)],
        [new Spending(SpendingCategory.Personnel, 18_000m), new Spending(SpendingCategory.Activities, 6_500m),
         new Spending(SpendingCategory.Materials, 2_000m), new Spending(SpendingCategory.Administration, 0m)]);
}
