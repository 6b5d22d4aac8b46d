using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using static Diqing.Procurement.Domain.Tests.Contracts.ContractTestData;

namespace Diqing.Procurement.Domain.Tests.Contracts;

public class PurchaseContractTests
{
    private static readonly DateOnly SignedOn = new(2026, 1, 5);
    private static readonly DateTime Noon = new(2026, 6, 30, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Signing_a_complete_contract_makes_the_first_installment_payable()
    {
        var (contract, _, _) = Signed();

        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Equal(SignedOn, contract.SignedOn);
        Assert.Equal([InstallmentStatus.Payable, InstallmentStatus.Pending, InstallmentStatus.Pending], contract.Installments.Select(i => i.Status));
    }

    [Fact]
    public void R10_a_schedule_off_by_one_cent_is_refused()
    {
        var (contract, midTerm, completion) = Planned();
        contract.SetSchedule(
        [
            new InstallmentPlan("首付款", 30_000m, InstallmentCondition.OnSigning, null),
            new InstallmentPlan("中期款", 40_000m, InstallmentCondition.OnMilestoneApproval, midTerm),
            new InstallmentPlan("尾款", 29_999.99m, InstallmentCondition.OnMilestoneApproval, completion),
        ]);

        Assert.Equal("Contract.ScheduleNotAmount", Code(() => contract.Sign(SignedOn, ActiveAgency(), new FundingSnapshot(100_000m, false), Today)));
        Assert.Equal(ContractStatus.Draft, contract.Status);
    }

    [Fact]
    public void R10_an_empty_schedule_is_refused()
    {
        var contract = Draft();
        Assert.Equal("Contract.ScheduleNotAmount", Code(() => contract.Sign(SignedOn, ActiveAgency(), new FundingSnapshot(100_000m, false), Today)));
    }

    [Theory]
    [InlineData("99999.99")]
    [InlineData("100000.01")]
    [InlineData("0")]
    public void R11_a_contract_must_be_funded_exactly_before_signing(string allocated)
    {
        var (contract, _, _) = Planned();
        var snapshot = new FundingSnapshot(decimal.Parse(allocated, System.Globalization.CultureInfo.InvariantCulture), false);
        Assert.Equal("Contract.NotFullyFunded", Code(() => contract.Sign(SignedOn, ActiveAgency(), snapshot, Today)));
    }

    [Fact]
    public void R08_welfare_lottery_funding_on_a_non_eligible_target_group_cannot_be_signed()
    {
        var (contract, _, _) = Planned();
        contract.UpdateDraft(Details(groups: [TargetGroup.Elderly, TargetGroup.Youth]));

        Assert.Equal("Funding.WelfareLotteryNotEligible", Code(() => contract.Sign(SignedOn, ActiveAgency(), new FundingSnapshot(100_000m, true), Today)));
        contract.Sign(SignedOn, ActiveAgency(), new FundingSnapshot(100_000m, false), Today);
    }

    [Fact]
    public void A_suspended_agency_cannot_sign()
    {
        var (contract, _, _) = Planned();
        var agency = ActiveAgency();
        agency.Suspend();

        Assert.Equal("Agency.Suspended", Code(() => contract.Sign(SignedOn, agency, new FundingSnapshot(100_000m, false), Today)));
    }

    [Fact]
    public void R16_approving_a_milestone_makes_only_its_installment_payable()
    {
        var (contract, midTerm, _) = Signed();
        contract.Start();

        contract.ApproveMilestoneReport(midTerm, Noon);

        Assert.True(midTerm.IsReportApproved);
        Assert.Equal([InstallmentStatus.Payable, InstallmentStatus.Payable, InstallmentStatus.Pending], contract.Installments.Select(i => i.Status));
    }

    [Fact]
    public void Only_payable_installments_can_be_paid_and_never_above_what_is_due()
    {
        var (contract, _, _) = Signed();
        var first = contract.Installments[0];
        var second = contract.Installments[1];

        Assert.Equal("Installment.NotPayable", Code(() => contract.RecordPayment(second, 1m, PaidOn, Today)));
        contract.RecordPayment(first, 10_000m, PaidOn, Today);
        Assert.Equal(InstallmentStatus.Payable, first.Status);
        Assert.Equal("Installment.OverPaid", Code(() => contract.RecordPayment(first, 20_000.01m, PaidOn, Today)));
        contract.RecordPayment(first, 20_000m, PaidOn, Today);
        Assert.Equal(InstallmentStatus.Paid, first.Status);
        Assert.Equal(30_000m, contract.PaidTotal);
    }

    [Fact]
    public void Accept_needs_every_milestone_approved_and_close_needs_every_installment_settled()
    {
        var (contract, midTerm, completion) = Signed();
        contract.Start();
        contract.ApproveMilestoneReport(midTerm, Noon);

        Assert.Equal("Contract.MilestonesNotApproved", Code(contract.Accept));
        contract.ApproveMilestoneReport(completion, Noon);
        contract.Accept();

        contract.RecordPayment(contract.Installments[0], 30_000m, PaidOn, Today);
        contract.RecordPayment(contract.Installments[1], 40_000m, PaidOn, Today);
        Assert.Equal("Contract.InstallmentsOpen", Code(contract.Close));
        Assert.Equal("Installment.WaiverReasonRequired", Code(() => contract.WaiveInstallment(contract.Installments[2], " ")));
        contract.WaiveInstallment(contract.Installments[2], "服务对象减少，经双方协商核减");
        contract.Close();
        Assert.Equal(ContractStatus.Closed, contract.Status);
    }

    [Fact]
    public void A_partly_paid_installment_cannot_be_waived()
    {
        var (contract, _, _) = Signed();
        contract.RecordPayment(contract.Installments[0], 1m, PaidOn, Today);
        Assert.Equal("Installment.CannotWaive", Code(() => contract.WaiveInstallment(contract.Installments[0], "原因")));
    }

    [Fact]
    public void Suspend_resume_returns_to_the_previous_state_and_terminate_needs_a_reason()
    {
        var (contract, _, _) = Signed();
        contract.Start();
        contract.Suspend("汛期道路中断");
        Assert.Equal(ContractStatus.Suspended, contract.Status);
        Assert.Equal("Contract.WrongStatus", Code(() => contract.RecordPayment(contract.Installments[0], 1m, PaidOn, Today)));
        contract.Resume();
        Assert.Equal(ContractStatus.InProgress, contract.Status);

        Assert.Equal("Contract.ReasonRequired", Code(() => contract.Terminate("")));
        contract.Terminate("承接机构严重违约");
        Assert.Equal(ContractStatus.Terminated, contract.Status);
        Assert.Equal("Contract.WrongStatus", Code(contract.Resume));
    }

    [Fact]
    public void Transitions_out_of_order_are_refused()
    {
        var draft = Draft();
        Assert.Equal("Contract.WrongStatus", Code(draft.Start));
        Assert.Equal("Contract.WrongStatus", Code(draft.Accept));
        Assert.Equal("Contract.WrongStatus", Code(draft.Close));
        Assert.Equal("Contract.WrongStatus", Code(() => draft.Suspend("x")));
        Assert.Equal("Contract.WrongStatus", Code(() => draft.Terminate("x")));

        var (signed, _, _) = Signed();
        Assert.Equal("Contract.WrongStatus", Code(() => signed.UpdateDraft(Details())));
        Assert.Equal("Contract.WrongStatus", Code(() => signed.AddMilestone("补充", new DateOnly(2026, 3, 1), null)));
        Assert.Equal("Contract.WrongStatus", Code(signed.Accept));
        Assert.Equal("Contract.WrongStatus", Code(() => signed.Sign(SignedOn, ActiveAgency(), new FundingSnapshot(100_000m, false), Today)));
    }

    [Fact]
    public void Every_change_moves_the_version()
    {
        var contract = Draft();
        var before = contract.Version;
        contract.AddMilestone("启动", new DateOnly(2026, 1, 31), null);
        Assert.True(contract.Version > before);
    }

    [Fact]
    public void Milestones_fall_within_the_term_and_cannot_be_removed_while_the_schedule_uses_them()
    {
        var (contract, midTerm, _) = Planned();
        Assert.Equal("Milestone.DueOutsideTerm", Code(() => contract.AddMilestone("延期", new DateOnly(2027, 1, 1), null)));
        Assert.Equal("Milestone.UsedBySchedule", Code(() => contract.RemoveMilestone(midTerm)));
    }

    [Fact]
    public void A_schedule_line_due_on_a_milestone_must_name_one_of_the_contract()
    {
        var contract = Draft();
        var foreign = Draft().AddMilestone("中期", new DateOnly(2026, 6, 30), null);
        Assert.Equal("Installment.MilestoneInvalid", Code(() => contract.SetSchedule([new InstallmentPlan("中期款", 1m, InstallmentCondition.OnMilestoneApproval, foreign)])));
        Assert.Equal("Installment.MilestoneInvalid", Code(() => contract.SetSchedule([new InstallmentPlan("中期款", 1m, InstallmentCondition.OnMilestoneApproval, null)])));
    }

    [Fact]
    public void R17_evaluation_only_after_acceptance_with_derived_grade()
    {
        var (contract, midTerm, completion) = Signed();
        var evaluation = new PerformanceEvaluation(91.5m, "李评", new DateOnly(2027, 1, 10), "服务成效显著");
        Assert.Equal("Contract.WrongStatus", Code(() => contract.Evaluate(evaluation)));

        contract.Start();
        contract.ApproveMilestoneReport(midTerm, Noon);
        contract.ApproveMilestoneReport(completion, Noon);
        contract.Accept();
        contract.Evaluate(evaluation);

        Assert.Equal(EvaluationGrade.Excellent, contract.Evaluation!.Grade);
    }

    [Theory]
    [InlineData("100", EvaluationGrade.Excellent)]
    [InlineData("90", EvaluationGrade.Excellent)]
    [InlineData("89.9", EvaluationGrade.Good)]
    [InlineData("80", EvaluationGrade.Good)]
    [InlineData("79.9", EvaluationGrade.Pass)]
    [InlineData("60", EvaluationGrade.Pass)]
    [InlineData("59.9", EvaluationGrade.Fail)]
    [InlineData("0", EvaluationGrade.Fail)]
    public void R17_grades_follow_the_thresholds(string score, EvaluationGrade expected) =>
        Assert.Equal(expected, PerformanceEvaluation.GradeOf(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-0.1")]
    [InlineData("100.1")]
    [InlineData("85.55")]
    public void R17_scores_outside_0_to_100_are_refused(string score) =>
        Assert.Throws<DomainException>(() => new PerformanceEvaluation(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), "李评", default, null));

    [Fact]
    public void R26_a_contract_is_signed_today_at_the_latest()
    {
        var (tomorrow, _, _) = Planned();
        Assert.Equal("Contract.SignedInFuture", Code(() => tomorrow.Sign(Today.AddDays(1), ActiveAgency(), new FundingSnapshot(100_000m, false), Today)));
        Assert.Equal(ContractStatus.Draft, tomorrow.Status);

        var (today, _, _) = Planned();
        today.Sign(Today, ActiveAgency(), new FundingSnapshot(100_000m, false), Today);
        Assert.Equal(Today, today.SignedOn);
        Assert.Equal(Today, today.Installments[0].PayableFrom);
    }

    [Fact]
    public void R26_a_payment_is_dated_today_at_the_latest()
    {
        var (contract, _, _) = Signed();
        var first = contract.Installments[0];

        Assert.Equal("Payment.DateInFuture", Code(() => contract.RecordPayment(first, 1m, Today.AddDays(1), Today)));
        Assert.Equal(0m, contract.PaidTotal);
        contract.RecordPayment(first, 1m, Today, Today);
        Assert.Equal(1m, contract.PaidTotal);
    }

    [Fact]
    public void R26_a_payment_is_not_dated_before_the_signing()
    {
        var (contract, _, _) = Signed();
        var first = contract.Installments[0];

        Assert.Equal("Payment.DateBeforeSigning", Code(() => contract.RecordPayment(first, 1m, SignedOn.AddDays(-1), Today)));
        contract.RecordPayment(first, 1m, SignedOn, Today);
        Assert.Equal(1m, contract.PaidTotal);
    }

    [Fact]
    public void R26_a_milestone_installment_is_not_paid_before_the_china_day_of_its_approval()
    {
        var (contract, midTerm, _) = Signed();
        contract.Start();
        // 16:30 UTC on 30 June is already 1 July in China: the installment is payable from 1 July.
        contract.ApproveMilestoneReport(midTerm, new DateTime(2026, 6, 30, 16, 30, 0, DateTimeKind.Utc));
        var second = contract.Installments[1];

        Assert.Equal(new DateOnly(2026, 7, 1), second.PayableFrom);
        Assert.Equal("Payment.DateBeforePayable", Code(() => contract.RecordPayment(second, 1m, new DateOnly(2026, 6, 30), Today)));
        contract.RecordPayment(second, 1m, new DateOnly(2026, 7, 1), Today);
        Assert.Equal(1m, contract.PaidTotal);
    }

    [Fact]
    public void Contract_numbers_have_the_bureau_format() =>
        Assert.Equal("DQMZ-2025-0007", PurchaseContract.FormatNumber(2025, 7));
}
