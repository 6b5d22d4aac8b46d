using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Reports;

/// <summary>A signed contract (indicator 入户探访, target 300 人次; groups 困难群众 and 老年人) and its mid-term report, through the real handlers.</summary>
internal sealed class ReportScenario(TestApp app)
{
    public int AgencyId { get; private set; }

    public SignedContract Contract { get; private set; } = null!;

    public static ReportContent Complete(string narrative = "本期完成入户探访 120 人次，建立困难老人档案 45 份。") => new(
        new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 30), narrative,
        [new IndicatorActual("入户探访", 120m)],
        [new PeopleServed(TargetGroup.PeopleInDifficulty, 30), new PeopleServed(TargetGroup.Elderly, 45)],
        [new Spending(SpendingCategory.Personnel, 8_000m), new Spending(SpendingCategory.Activities, 1_500m),
         new Spending(SpendingCategory.Materials, 600.5m), new Spending(SpendingCategory.Administration, 0m)]);

    public async Task<ReportScenario> SignedAsync()
    {
        AgencyId = await app.AddAgencyAsync();
        Contract = await new ContractScenario(app).SignedAsync(AgencyId, 100_000m);
        return this;
    }

    public WriteReportHandler Form() => app.As<WriteReportHandler>(Roles.AgencyUser, AgencyId, "deqin-user");

    /// <summary>Opens the mid-term report and submits it complete.</summary>
    public async Task<ReportView> SubmittedAsync()
    {
        var form = Form();
        var draft = await form.OpenAsync(Contract.MidTermMilestoneId);
        return await form.SubmitAsync(draft.ReportId, draft.Version, Complete());
    }
}
