using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Reports;

/// <summary>Reports opened, saved and reviewed at the same moment (several devices, several reviewers, several app instances).</summary>
public sealed class ReportConcurrencyTests
{
    private static ReportContent Complete(string narrative) => new(
        new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), narrative,
        [new IndicatorActual("入户探访", 160m)],
        [new PeopleServed(TargetGroup.PeopleInDifficulty, 85), new PeopleServed(TargetGroup.Elderly, 40)],
        [new Spending(SpendingCategory.Personnel, 18_000m), new Spending(SpendingCategory.Activities, 6_500m),
         new Spending(SpendingCategory.Materials, 2_000m), new Spending(SpendingCategory.Administration, 0m)]);

    private static async Task<(TestApp App, SignedContract Contract, int AgencyId)> ContractInProgressAsync(DatabaseProvider provider)
    {
        var app = await TestApp.CreateAsync(provider);
        var agencyId = await app.AddAgencyAsync();
        var contract = await new ContractScenario(app).SignedAsync(agencyId, 100_000m);
        await app.As<ContractTransitions>(Roles.ProcurementOfficer).StartAsync(contract.ContractId);
        return (app, contract, agencyId);
    }

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task Devices_opening_a_milestone_at_once_share_one_report(DatabaseProvider provider)
    {
        var (app, contract, agencyId) = await ContractInProgressAsync(provider);
        await using var _ = app;
        var instances = app.Instances(8);

        var opened = await AtOnce.RunAsync(instances.Select(instance =>
        {
            var form = instance.As<WriteReportHandler>(Roles.AgencyUser, agencyId, "deqin-user");
            return (Func<Task<ReportView>>)(() => form.OpenAsync(contract.MidTermMilestoneId));
        }));

        Assert.Single(opened.Select(r => r.ReportId).Distinct());
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.MilestoneReports.CountAsync(r => r.MilestoneId == contract.MidTermMilestoneId));
    }

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task Two_reviewers_deciding_at_once_leave_one_decision(DatabaseProvider provider)
    {
        var (app, contract, agencyId) = await ContractInProgressAsync(provider);
        await using var _ = app;
        var form = app.As<WriteReportHandler>(Roles.AgencyUser, agencyId, "deqin-user");
        var draft = await form.OpenAsync(contract.MidTermMilestoneId);
        var submitted = await form.SubmitAsync(draft.ReportId, draft.Version, Complete("本期完成入户探访160人次，开展康乐活动12场，服务对象满意度较高。"));
        var instances = app.Instances(2);
        var approve = instances[0].As<ReviewReportHandler>(Roles.ProcurementOfficer, userName: "officer-a");
        var reject = instances[1].As<ReviewReportHandler>(Roles.ProcurementOfficer, userName: "officer-b");

        var outcomes = await AtOnce.RunAsync<string>(
        [
            async () => await Outcome(() => approve.ApproveAsync(submitted.ReportId, "同意")),
            async () => await Outcome(() => reject.ReturnAsync(submitted.ReportId, "请补充活动照片", new Dictionary<string, string>())),
        ]);

        Assert.Single(outcomes, o => o == "ok");
        Assert.All(outcomes.Where(o => o != "ok"), o => Assert.Contains(o, new[] { "Report.ChangedElsewhere", "Report.NotAwaitingReview" }));
        await using var db = await app.DbAsync();
        var report = await db.MilestoneReports.Include(r => r.Versions).SingleAsync(r => r.Id == submitted.ReportId);
        var installment = await db.Installments.SingleAsync(i => i.MilestoneId == contract.MidTermMilestoneId);
        Assert.Equal(report.Status == ReportStatus.Approved, installment.Status == InstallmentStatus.Payable);
        Assert.Contains(report.Status, new[] { ReportStatus.Approved, ReportStatus.Returned });
        Assert.Single(report.Versions);
    }

    private static async Task<string> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return "ok";
        }
        catch (DomainException ex)
        {
            return ex.Code;
        }
    }
}
