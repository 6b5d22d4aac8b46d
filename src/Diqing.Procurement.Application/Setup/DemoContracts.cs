using System.Security.Claims;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Setup;

/// <summary>
/// Demo contracts at different stages, created through the same handlers users call (as a
/// "demo-seed" actor holding the bureau roles), so a newcomer sees the system at work.
/// </summary>
internal static class DemoContracts
{
    public const string Actor = "demo-seed";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        provider.GetRequiredService<CurrentUser>().Set(SeedPrincipal());
        var db = provider.GetRequiredService<ProcurementDbContext>();
        var year = DemoData.YearStartsUtc.Year;
        if (await db.Contracts.AnyAsync(c => c.Year == year, cancellationToken))
        {
            return;
        }

        var agencies = await db.Agencies.ToDictionaryAsync(a => a.UnifiedSocialCreditCode, a => a.Id, cancellationToken);
        var funds = await db.FundingSources.Where(f => f.FiscalYear == year).ToDictionaryAsync(f => f.Kind, f => f.Id, cancellationToken);
        var draft = provider.GetRequiredService<SaveContractDraftHandler>();
        var plan = provider.GetRequiredService<ChangeContractPlanHandler>();
        var funding = provider.GetRequiredService<AllocateContractFundingHandler>();
        var lifecycle = provider.GetRequiredService<ContractTransitions>();
        var pay = provider.GetRequiredService<RecordPaymentHandler>();
        var get = provider.GetRequiredService<GetContractHandler>();
        var review = provider.GetRequiredService<Features.Reports.ReviewReportHandler>();

        // Four contracts at different stages, seeded day by day in the order things happened (each step on the seed clock):
        // 1. in progress: mental-disorder community rehabilitation, first 30 % paid, kick-off report waiting for review, mid-term overdue;
        // 2. signed, welfare-lottery funded: recreation rooms for elderly people living alone;
        // 3. a draft, not yet funded: bone-disease assistance for people in difficulty;
        // 4. accepted and evaluated: the assessment of people in extreme poverty, each installment paid after its milestone's
        //    report was submitted by the agency and approved by the bureau.
        var deqin = agencies["52533422MJD000001F"];
        var shangriLa = agencies["52533401MJD0000025"];
        var incubator = agencies["52533400MJD000003R"];

        At(2026, 1, 5);
        var rehab = await draft.HandleAsync(Command(
            "精神障碍社区康复服务项目（演示）", shangriLa, ServiceCategory.CommunityRehabilitation, [TargetGroup.Disabled],
            County.ShangriLa, "建塘镇、小中甸镇", 360_000m, ProcurementMethod.CompetitiveConsultation,
            ("康复活动", "场次", 48m), ("家属培训", "人次", 200m)), cancellationToken);
        var (rehabStart, _, _) = await PlanAsync(plan, rehab, new DateOnly(2026, 3, 31), new DateOnly(2026, 6, 30), new DateOnly(2026, 12, 15), cancellationToken);
        await funding.AllocateAsync(rehab, funds[FundingKind.Fiscal], 240_000m, cancellationToken: cancellationToken);
        await funding.AllocateAsync(rehab, funds[FundingKind.ExternalGrant], 120_000m, cancellationToken: cancellationToken);

        At(2026, 1, 8);
        await lifecycle.SignAsync(rehab, new DateOnly(2026, 1, 8), cancellationToken);
        await lifecycle.StartAsync(rehab, cancellationToken);
        await using (var scan = new MemoryStream(DemoPdf("Contract DQMZ demo - signed and sealed")))
        {
            await provider.GetRequiredService<AttachContractDocumentsHandler>().UploadAsync(rehab, "合同文本（盖章扫描件，演示）.pdf", scan, cancellationToken);
        }

        // The prior year's home-visit project is paid its last 30 % now: after the year's end, so the 2025 announcement shows 70 % paid.
        At(2026, 1, 9);
        var priorElderly = await db.Contracts.Where(c => c.Year == DemoData.PriorYear && c.Title == PriorElderlyTitle).Select(c => c.Id).SingleAsync(cancellationToken);
        await PayAsync(pay, get, priorElderly, 3, "迪民记〔2026〕演示0003号", cancellationToken);

        At(2026, 1, 12);
        var assessment = await draft.HandleAsync(Command(
            "特困人员全面摸底评估（演示）", incubator, ServiceCategory.EconomicAssessment, [TargetGroup.PeopleInDifficulty],
            County.Weixi, "保和镇、叶枝镇", 96_000m, ProcurementMethod.RequestForQuotation, ("评估建档", "户", 400m)), cancellationToken);
        var (assessStart, assessMid, assessEnd) = await PlanAsync(plan, assessment, new DateOnly(2026, 2, 28), new DateOnly(2026, 5, 31), new DateOnly(2026, 9, 30), cancellationToken);
        await funding.AllocateAsync(assessment, funds[FundingKind.Fiscal], 96_000m, cancellationToken: cancellationToken);

        At(2026, 1, 15);
        await lifecycle.SignAsync(assessment, new DateOnly(2026, 1, 15), cancellationToken);
        await lifecycle.StartAsync(assessment, cancellationToken);

        At(2026, 1, 20);
        await PayAsync(pay, get, rehab, 1, "迪民记〔2026〕演示0012号", cancellationToken);
        At(2026, 1, 22);
        await PayAsync(pay, get, assessment, 1, "迪民记〔2026〕演示0021号", cancellationToken);

        At(2026, 2, 3);
        var elderly = await draft.HandleAsync(Command(
            "独居老人康乐屋（演示）", deqin, ServiceCategory.SocialIntegration, [TargetGroup.Elderly],
            County.Deqin, "升平镇、燕门乡", 180_000m, ProcurementMethod.CompetitiveNegotiation, ("入户探访", "人次", 600m)), cancellationToken);
        await PlanAsync(plan, elderly, new DateOnly(2026, 3, 15), new DateOnly(2026, 7, 15), new DateOnly(2026, 12, 20), cancellationToken);
        await funding.AllocateAsync(elderly, funds[FundingKind.WelfareLottery], 180_000m, cancellationToken: cancellationToken);
        At(2026, 2, 10);
        await lifecycle.SignAsync(elderly, new DateOnly(2026, 2, 10), cancellationToken);

        At(2026, 2, 27);
        var assessKickOff = await SubmitReportAsync(services, incubator, IncubatorReporter, assessStart,
            AssessmentReport(new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 28), 60m, 60), cancellationToken);

        At(2026, 3, 2);
        await draft.HandleAsync(Command(
            "困难群众骨病救助（演示）", deqin, ServiceCategory.ResourceLinking, [TargetGroup.PeopleInDifficulty],
            County.Deqin, "奔子栏镇", 120_000m, ProcurementMethod.DirectCommission, ("救助对接", "人", 80m)), cancellationToken);

        At(2026, 3, 3);
        await review.ApproveAsync(assessKickOff, Approval, cancellationToken);

        // the bureau drafts the prior year's welfare-lottery announcement, previews it and publishes it well before the end of June.
        At(2026, 3, 20);
        var announcementVersion = await provider.GetRequiredService<Features.Announcements.SaveAnnouncementDraftHandler>().HandleAsync(
            new Features.Announcements.SaveAnnouncementDraftCommand { Year = DemoData.PriorYear, Narrative = PriorYearNarrative }, cancellationToken);
        At(2026, 3, 27);
        await provider.GetRequiredService<Features.Announcements.PublishAnnouncementHandler>().HandleAsync(
            new Features.Announcements.PublishAnnouncementCommand(DemoData.PriorYear, announcementVersion), cancellationToken);

        At(2026, 4, 2);
        await SubmitReportAsync(services, shangriLa, "agency2", rehabStart, RehabilitationReport(new DateOnly(2026, 1, 8), new DateOnly(2026, 3, 31)), cancellationToken);

        At(2026, 5, 29);
        var assessMidReport = await SubmitReportAsync(services, incubator, IncubatorReporter, assessMid,
            AssessmentReport(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), 220m, 221), cancellationToken);
        At(2026, 6, 4);
        await review.ApproveAsync(assessMidReport, Approval, cancellationToken);
        At(2026, 6, 12);
        await PayAsync(pay, get, assessment, 2, "迪民记〔2026〕演示0022号", cancellationToken);

        At(2026, 9, 28);
        var assessEndReport = await SubmitReportAsync(services, incubator, IncubatorReporter, assessEnd,
            AssessmentReport(new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 30), 402m, 405), cancellationToken);
        At(2026, 10, 9);
        await review.ApproveAsync(assessEndReport, Approval, cancellationToken);
        At(2026, 10, 16);
        await PayAsync(pay, get, assessment, 3, "迪民记〔2026〕演示0023号", cancellationToken);
        At(2026, 10, 19);
        await lifecycle.AcceptAsync(assessment, cancellationToken);
        At(2026, 10, 22);
        await lifecycle.EvaluateAsync(assessment, 92m, new DateOnly(2026, 10, 22), "摸底全面、档案规范（演示评价）", cancellationToken);
    }

    private const string PriorElderlyTitle = "独居老人康乐屋（一期，演示）";

    private const string DeqinReporter = "德钦社工中心填报员（演示）";

    private const string PriorYearNarrative =
        "根据“谁使用、谁公开”的要求，现将迪庆州民政局 2025 年度福彩公益金使用情况公告如下（演示数据，金额与文号均为虚构）。\n" +
        "2025 年度我局共收到福彩公益金 50 万元，其中中央专项彩票公益金 20 万元、州本级福彩公益金 30 万元，按照“扶老、助残、救孤、济困”的宗旨，" +
        "通过政府购买服务方式资助德钦县社会工作服务中心实施精神障碍患者家属服务技能培训和独居老人康乐屋两个项目。\n" +
        "未安排的资金结转下年度继续用于社会救助与养老服务。如有疑问或监督意见，请致电迪庆州民政局（演示电话 0887-0000000）。";

    /// <summary>
    /// The demo's prior year (2025), from its own first day: two welfare-lottery projects of the Deqin centre, signed, reported,
    /// approved and paid through the year, so that the 2025 welfare-lottery announcement rests on real history. The home-visit
    /// project's last installment is paid in January 2026 (in <see cref="SeedAsync"/>).
    /// </summary>
    public static async Task SeedPriorYearAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        provider.GetRequiredService<CurrentUser>().Set(SeedPrincipal());
        var db = provider.GetRequiredService<ProcurementDbContext>();
        var year = DemoData.PriorYear;
        if (await db.Contracts.AnyAsync(c => c.Year == year, cancellationToken))
        {
            return;
        }

        var deqin = await db.Agencies.Where(a => a.UnifiedSocialCreditCode == "52533422MJD000001F").Select(a => a.Id).SingleAsync(cancellationToken);
        var funds = await db.FundingSources.Where(f => f.FiscalYear == year).ToDictionaryAsync(f => f.Grantor ?? string.Empty, f => f.Id, cancellationToken);
        var (prefecture, central) = (funds[string.Empty], funds["民政部"]);
        var draft = provider.GetRequiredService<SaveContractDraftHandler>();
        var plan = provider.GetRequiredService<ChangeContractPlanHandler>();
        var funding = provider.GetRequiredService<AllocateContractFundingHandler>();
        var lifecycle = provider.GetRequiredService<ContractTransitions>();
        var pay = provider.GetRequiredService<RecordPaymentHandler>();
        var get = provider.GetRequiredService<GetContractHandler>();
        var review = provider.GetRequiredService<Features.Reports.ReviewReportHandler>();

        At(2025, 3, 5);
        var training = await draft.HandleAsync(Command(
            "精神障碍患者家属服务技能培训（演示）", deqin, ServiceCategory.CapacityBuilding, [TargetGroup.Disabled],
            County.Deqin, "升平镇", 150_000m, ProcurementMethod.CompetitiveConsultation, new DateOnly(2025, 3, 10), new DateOnly(2025, 12, 20),
            ("家属培训", "人次", 300m)), cancellationToken);
        var (trainStart, trainMid, trainEnd) = await PlanAsync(plan, training, new DateOnly(2025, 4, 30), new DateOnly(2025, 7, 31), new DateOnly(2025, 12, 15), cancellationToken);
        await funding.AllocateAsync(training, prefecture, 150_000m, cancellationToken: cancellationToken);
        At(2025, 3, 10);
        await lifecycle.SignAsync(training, new DateOnly(2025, 3, 10), cancellationToken);
        await lifecycle.StartAsync(training, cancellationToken);
        At(2025, 3, 17);
        await PayAsync(pay, get, training, 1, "迪民记〔2025〕演示0011号", cancellationToken);

        At(2025, 3, 25);
        var elderly = await draft.HandleAsync(Command(
            PriorElderlyTitle, deqin, ServiceCategory.SocialIntegration, [TargetGroup.Elderly],
            County.Deqin, "燕门乡", 120_000m, ProcurementMethod.CompetitiveNegotiation, new DateOnly(2025, 4, 1), new DateOnly(2025, 12, 31),
            ("入户探访", "人次", 400m)), cancellationToken);
        var (elderStart, elderMid, elderEnd) = await PlanAsync(plan, elderly, new DateOnly(2025, 5, 15), new DateOnly(2025, 8, 31), new DateOnly(2025, 12, 20), cancellationToken);
        await funding.AllocateAsync(elderly, central, 80_000m, cancellationToken: cancellationToken);
        await funding.AllocateAsync(elderly, prefecture, 40_000m, cancellationToken: cancellationToken);
        At(2025, 4, 1);
        await lifecycle.SignAsync(elderly, new DateOnly(2025, 4, 1), cancellationToken);
        await lifecycle.StartAsync(elderly, cancellationToken);
        At(2025, 4, 8);
        await PayAsync(pay, get, elderly, 1, "迪民记〔2025〕演示0014号", cancellationToken);

        async Task ReportAsync(int milestone, (int Y, int M, int D) submitted, (int Y, int M, int D) approved, Domain.Reports.ReportContent content)
        {
            At(submitted.Y, submitted.M, submitted.D);
            var report = await SubmitReportAsync(services, deqin, DeqinReporter, milestone, content, cancellationToken);
            At(approved.Y, approved.M, approved.D);
            await review.ApproveAsync(report, Approval, cancellationToken);
        }

        await ReportAsync(trainStart, (2025, 4, 28), (2025, 5, 6), PriorReport(new DateOnly(2025, 3, 10), new DateOnly(2025, 4, 30), "家属培训", 40m, TargetGroup.Disabled, 40));
        await ReportAsync(elderStart, (2025, 5, 13), (2025, 5, 20), PriorReport(new DateOnly(2025, 4, 1), new DateOnly(2025, 5, 15), "入户探访", 60m, TargetGroup.Elderly, 35));
        await ReportAsync(trainMid, (2025, 7, 29), (2025, 8, 5), PriorReport(new DateOnly(2025, 5, 1), new DateOnly(2025, 7, 31), "家属培训", 130m, TargetGroup.Disabled, 96));
        At(2025, 8, 12);
        await PayAsync(pay, get, training, 2, "迪民记〔2025〕演示0031号", cancellationToken);
        await ReportAsync(elderMid, (2025, 8, 28), (2025, 9, 4), PriorReport(new DateOnly(2025, 5, 16), new DateOnly(2025, 8, 31), "入户探访", 180m, TargetGroup.Elderly, 52));
        At(2025, 9, 11);
        await PayAsync(pay, get, elderly, 2, "迪民记〔2025〕演示0036号", cancellationToken);
        await ReportAsync(trainEnd, (2025, 12, 12), (2025, 12, 18), PriorReport(new DateOnly(2025, 8, 1), new DateOnly(2025, 12, 15), "家属培训", 142m, TargetGroup.Disabled, 88));
        At(2025, 12, 22);
        var elderEndReport = await SubmitReportAsync(services, deqin, DeqinReporter, elderEnd,
            PriorReport(new DateOnly(2025, 9, 1), new DateOnly(2025, 12, 20), "入户探访", 190m, TargetGroup.Elderly, 61), cancellationToken);
        At(2025, 12, 24);
        await PayAsync(pay, get, training, 3, "迪民记〔2025〕演示0052号", cancellationToken);
        At(2025, 12, 26);
        await lifecycle.AcceptAsync(training, cancellationToken);
        At(2025, 12, 29);
        await lifecycle.EvaluateAsync(training, 88m, new DateOnly(2025, 12, 29), "培训覆盖面广、家属满意度高（演示评价）", cancellationToken);
        At(2025, 12, 30);
        await review.ApproveAsync(elderEndReport, Approval, cancellationToken);
        At(2025, 12, 31);
        await lifecycle.AcceptAsync(elderly, cancellationToken);
    }

    private static Domain.Reports.ReportContent PriorReport(DateOnly from, DateOnly to, string indicator, decimal actual, TargetGroup group, int people) => new(
        from, to,
        $"本期完成{indicator} {actual:0} 人次，服务 {people} 人（演示数据）。",
        [new Domain.Reports.IndicatorActual(indicator, actual)],
        [new Domain.Reports.PeopleServed(group, people)],
        [new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Personnel, 9_000m), new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Activities, 3_600m),
         new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Materials, 1_150m), new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Administration, 400m)]);

    private const string IncubatorReporter = "孵化中心填报员（演示）";

    private const string Approval = "材料齐全，同意通过（演示）";

    /// <summary>Demo steps happen at 10:00 China time on their day (see <see cref="SeedClock"/>).</summary>
    private static void At(int year, int month, int day) => SeedClock.Set(new DateTime(year, month, day, 2, 0, 0, DateTimeKind.Utc));

    /// <summary>Pays an installment in full, dated on the seed clock's China date.</summary>
    private static async Task PayAsync(RecordPaymentHandler pay, GetContractHandler get, int contractId, int sequence, string voucher, CancellationToken cancellationToken)
    {
        var installment = (await get.HandleAsync(contractId, cancellationToken)).Installments.Single(i => i.Sequence == sequence);
        var today = ChinaTime.DateOf(SeedClock.Instance.GetUtcNow().UtcDateTime);
        await pay.HandleAsync(new RecordPaymentCommand(contractId, installment.Id, voucher, today, installment.Amount), cancellationToken);
    }

    /// <summary>A one-page PDF with a line of text: enough for the demo's contract documents to open in a viewer.</summary>
    internal static byte[] DemoPdf(string text)
    {
        var stream = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A report submitted by a user of the contract's agency, as the agency would through its report form.</summary>
    private static async Task<int> SubmitReportAsync(
        IServiceProvider services, int agencyId, string userName, int milestoneId, Domain.Reports.ReportContent content, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Actor),
            new Claim(ClaimTypes.Name, userName),
            new Claim(ClaimTypes.Role, Roles.AgencyUser),
            new Claim(AppClaimTypes.AgencyId, agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], "DemoSeed")));
        var form = scope.ServiceProvider.GetRequiredService<Features.Reports.WriteReportHandler>();
        var report = await form.OpenAsync(milestoneId, cancellationToken);
        await form.SubmitAsync(report.ReportId, report.Version, content, cancellationToken);
        return report.ReportId;
    }

    private static Domain.Reports.ReportContent RehabilitationReport(DateOnly from, DateOnly to) => new(
        from, to,
        "完成服务对象摸底与建档，制定个案康复计划；开展康复活动 12 场、家属培训 2 期（演示数据）。",
        [new Domain.Reports.IndicatorActual("康复活动", 12m), new Domain.Reports.IndicatorActual("家属培训", 46m)],
        [new Domain.Reports.PeopleServed(TargetGroup.Disabled, 58)],
        [new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Personnel, 42_000m), new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Activities, 18_600m),
         new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Materials, 7_350.50m), new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Administration, 3_200m)]);

    private static Domain.Reports.ReportContent AssessmentReport(DateOnly from, DateOnly to, decimal households, int people) => new(
        from, to,
        $"入户开展家庭经济状况调查评估，累计建档 {households:0} 户，形成分类救助建议并移交乡镇（演示数据）。",
        [new Domain.Reports.IndicatorActual("评估建档", households)],
        [new Domain.Reports.PeopleServed(TargetGroup.PeopleInDifficulty, people)],
        [new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Personnel, 18_000m), new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Activities, 4_200m),
         new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Materials, 1_250m), new Domain.Reports.Spending(Domain.Reports.SpendingCategory.Administration, 800m)]);

    private static async Task<(int KickOff, int MidTerm, int Completion)> PlanAsync(
        ChangeContractPlanHandler plan, int contractId, DateOnly kickOff, DateOnly midTerm, DateOnly completion, CancellationToken cancellationToken)
    {
        var start = await plan.AddMilestoneAsync(new AddMilestoneCommand(contractId, "启动", kickOff, "项目实施方案、服务对象名册"), cancellationToken);
        var mid = await plan.AddMilestoneAsync(new AddMilestoneCommand(contractId, "中期", midTerm, "中期报告、服务台账、活动照片"), cancellationToken);
        var end = await plan.AddMilestoneAsync(new AddMilestoneCommand(contractId, "结项", completion, "结项报告、绩效自评、财务决算"), cancellationToken);
        await plan.SetScheduleAsync(contractId,
        [
            new InstallmentInput("首付款（签订后）", null, 30m, InstallmentCondition.OnSigning, null),
            new InstallmentInput("中期款", null, 40m, InstallmentCondition.OnMilestoneApproval, mid),
            new InstallmentInput("尾款（结项验收后）", null, 30m, InstallmentCondition.OnMilestoneApproval, end),
        ], cancellationToken: cancellationToken);
        return (start, mid, end);
    }

    private static SaveContractDraftCommand Command(
        string title, int agencyId, ServiceCategory category, TargetGroup[] groups, County county, string townships, decimal amount,
        ProcurementMethod method, params (string Name, string Unit, decimal Target)[] indicators) =>
        Command(title, agencyId, category, groups, county, townships, amount, method, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), indicators);

    private static SaveContractDraftCommand Command(
        string title, int agencyId, ServiceCategory category, TargetGroup[] groups, County county, string townships, decimal amount,
        ProcurementMethod method, DateOnly startOn, DateOnly endOn, params (string Name, string Unit, decimal Target)[] indicators) => new()
    {
        Title = title,
        PurchasingUnit = "迪庆州民政局",
        AgencyId = agencyId,
        Method = method,
        Category = category,
        TargetGroups = groups,
        County = county,
        Townships = townships,
        Amount = amount,
        StartOn = startOn.ToDateTime(TimeOnly.MinValue),
        EndOn = endOn.ToDateTime(TimeOnly.MinValue),
        Description = DemoData.DemoMark,
        Indicators = indicators.Select(i => new IndicatorInput { Name = i.Name, Unit = i.Unit, Target = i.Target }).ToList(),
    };

    private static ClaimsPrincipal SeedPrincipal() => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, Actor),
        new Claim(ClaimTypes.Name, Actor),
        new Claim(ClaimTypes.Role, Roles.Administrator),
        new Claim(ClaimTypes.Role, Roles.ProcurementOfficer),
        new Claim(ClaimTypes.Role, Roles.FinanceOfficer),
    ], "DemoSeed"));
}
