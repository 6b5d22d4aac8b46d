using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Contracts;

/// <summary>
/// Each decision the contract page reads from <see cref="ContractDetail"/> agrees with the operation it predicts:
/// the flag is true exactly when the operation succeeds.
/// </summary>
public sealed class GetContractTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private ContractScenario _scenario = null!;
    private int _agencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new ContractScenario(_app);
        _agencyId = await _app.AddAgencyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Auditor)]
    public async Task Each_installments_CanPay_predicts_whether_recording_its_payment_succeeds(string role)
    {
        var signed = await _scenario.SignedAsync(_agencyId, 100_000m, sourceAmount: 200_000m);
        var detail = await Detail(signed.ContractId, role);

        foreach (var installment in detail.Installments)
        {
            var paid = await Operation.Succeeds(() => _app.As<RecordPaymentHandler>(role)
                .HandleAsync(new RecordPaymentCommand(signed.ContractId, installment.Id, "记-" + installment.Sequence + role, new DateOnly(2026, 2, 1), 1_000m)));
            Assert.True(installment.CanPay == paid, $"{role}, installment {installment.Sequence}: CanPay {installment.CanPay}, payment {(paid ? "succeeded" : "refused")}");
        }

        Assert.Contains(detail.Installments, i => i.CanPay == (role is Roles.FinanceOfficer or Roles.Administrator));
    }

    [Theory]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Auditor)]
    public async Task Each_installments_CanWaive_predicts_whether_waiving_it_succeeds(string role)
    {
        var signed = await _scenario.SignedAsync(_agencyId, 100_000m);
        var first = (await Detail(signed.ContractId)).Installments[0];
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer)
            .HandleAsync(new RecordPaymentCommand(signed.ContractId, first.Id, "记-部分", new DateOnly(2026, 2, 1), 1_000m)); // partly paid: not waivable

        var detail = await Detail(signed.ContractId, role);
        foreach (var installment in detail.Installments)
        {
            var waived = await Operation.Succeeds(() => _app.As<ContractTransitions>(role).WaiveInstallmentAsync(signed.ContractId, installment.Id, "不再需要"));
            Assert.True(installment.CanWaive == waived, $"{role}, installment {installment.Sequence}: CanWaive {installment.CanWaive}, waiver {(waived ? "succeeded" : "refused")}");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task The_drafts_funding_and_schedule_warnings_predict_whether_signing_succeeds(bool funded, bool scheduled)
    {
        var sourceId = await _scenario.SourceAsync(500_000m);
        var contractId = await _scenario.DraftAsync(_agencyId, 100_000m);
        if (scheduled)
        {
            await _scenario.PlanAsync(contractId);
        }
        else
        {
            var plan = _app.As<ChangeContractPlanHandler>(Roles.ProcurementOfficer);
            await plan.SetScheduleAsync(contractId, [new InstallmentInput("首付款", 60_000m, null, Domain.Contracts.InstallmentCondition.OnSigning, null)], saveIncomplete: true);
        }

        await _app.As<AllocateContractFundingHandler>(Roles.FinanceOfficer).AllocateAsync(contractId, sourceId, funded ? 100_000m : 70_000m);

        var totals = (await Detail(contractId, Roles.ProcurementOfficer)).Totals;
        var signed = await Operation.Succeeds(() => _app.As<ContractTransitions>(Roles.ProcurementOfficer).SignAsync(contractId, new DateOnly(2026, 1, 5)));

        Assert.Equal(!funded, totals.FundingMismatch);
        Assert.Equal(!scheduled, totals.ScheduleMismatch);
        Assert.Equal(!totals.FundingMismatch && !totals.ScheduleMismatch, signed);
        Assert.False((await Detail(contractId, Roles.ProcurementOfficer)).Totals.FundingMismatch && signed, "no warning is left on a signed contract");
    }

    [Fact]
    public async Task Totals_are_the_domains_paid_and_the_allocations_disbursed()
    {
        var signed = await _scenario.SignedAsync(_agencyId, 100_000m);
        var first = (await Detail(signed.ContractId)).Installments[0];
        await _app.As<RecordPaymentHandler>(Roles.FinanceOfficer)
            .HandleAsync(new RecordPaymentCommand(signed.ContractId, first.Id, "记-001", new DateOnly(2026, 2, 1), first.Amount));

        var detail = await Detail(signed.ContractId);

        Assert.Equal(first.Amount, detail.Totals.Paid);
        Assert.Equal(detail.Totals.Paid, detail.Payments.Sum(p => p.Amount));
        Assert.Equal(detail.Totals.Paid, detail.Totals.Disbursed);
        Assert.Equal(100_000m - first.Amount, detail.Totals.Unpaid);
        Assert.Equal(detail.Allocations.Sum(a => a.Undisbursed), detail.Totals.Undisbursed);
        Assert.Equal(first.Label, Assert.Single(detail.Payments).InstallmentLabel);
    }

    [Fact]
    public async Task The_agencys_report_link_predicts_whether_opening_the_report_succeeds_before_and_after_signing()
    {
        var draftId = await _scenario.DraftAsync(_agencyId, 100_000m);
        await _scenario.PlanAsync(draftId);
        var signed = await _scenario.SignedAsync(_agencyId, 100_000m);
        var form = _app.As<WriteReportHandler>(Roles.AgencyUser, _agencyId);

        foreach (var contractId in new[] { draftId, signed.ContractId })
        {
            foreach (var milestone in (await _app.As<GetContractHandler>(Roles.AgencyUser, _agencyId).HandleAsync(contractId)).Milestones)
            {
                var opened = await Operation.Succeeds(() => form.OpenAsync(milestone.Id));
                Assert.True(milestone.CanOpenReport == opened, $"contract {contractId}, {milestone.Name}: CanOpenReport {milestone.CanOpenReport}, open {(opened ? "succeeded" : "refused")}");
            }
        }
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.AgencyUser)]
    public async Task The_bureaus_review_link_predicts_whether_the_report_can_be_read_for_review(string role)
    {
        var signed = await _scenario.SignedAsync(_agencyId, 100_000m);
        var form = _app.As<WriteReportHandler>(Roles.AgencyUser, _agencyId);
        await form.OpenAsync(signed.CompletionMilestoneId); // a draft: the bureau does not see it yet
        var midTerm = await form.OpenAsync(signed.MidTermMilestoneId);
        await form.SubmitAsync(midTerm.ReportId, midTerm.Version, ReportSamples.Complete());

        var detail = await _app.As<GetContractHandler>(role, role == Roles.AgencyUser ? _agencyId : null).HandleAsync(signed.ContractId);
        foreach (var milestone in detail.Milestones.Where(m => m.ReportId is not null))
        {
            // The review page shows what was submitted: a report it can load with at least one submitted version.
            var versions = 0;
            var read = await Operation.Succeeds(async () => versions = (await _app.As<ReviewReportHandler>(role, role == Roles.AgencyUser ? _agencyId : null)
                .GetAsync(milestone.ReportId!.Value)).Versions.Count) && versions > 0 && role != Roles.AgencyUser;
            Assert.True(milestone.CanReadReview == read, $"{role}, {milestone.Name}: CanReadReview {milestone.CanReadReview}, review read {read}");
        }

        Assert.Equal(role != Roles.AgencyUser, detail.Milestones.Any(m => m.CanReadReview));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_draft_edit_query_returns_the_saving_command_exactly_while_editing_is_offered(bool signed)
    {
        var contractId = signed ? (await _scenario.SignedAsync(_agencyId, 100_000m)).ContractId : await _scenario.DraftAsync(_agencyId, 100_000m);
        var canEdit = (await Detail(contractId, Roles.ProcurementOfficer)).Actions.CanEditDraft;

        SaveContractDraftCommand? command = null;
        var loaded = await Operation.Succeeds(async () => command = await _app.As<GetContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(contractId));

        Assert.Equal(canEdit, loaded);
        Assert.Equal(!signed, loaded);
        if (command is not null)
        {
            // Saved back unchanged, the draft is accepted: the query gives exactly what the save expects.
            Assert.Equal(contractId, await _app.As<SaveContractDraftHandler>(Roles.ProcurementOfficer).HandleAsync(command));
            Assert.Equal(ContractScenario.Draft(_agencyId, 100_000m).Title, command.Title);
        }
    }

    private Task<ContractDetail> Detail(int id, string role = Roles.FinanceOfficer) => _app.As<GetContractHandler>(role).HandleAsync(id);

    [Theory]
    [InlineData(false, Roles.ProcurementOfficer, "Sign,EditDraft,AdjustFunding,ChangeDocuments")]
    [InlineData(false, Roles.FinanceOfficer, "AdjustFunding")]
    [InlineData(false, Roles.Auditor, "")]
    [InlineData(true, Roles.ProcurementOfficer, "Start,Suspend,Terminate,ApproveMilestoneReport,WaiveInstallment,ChangeDocuments")]
    [InlineData(true, Roles.FinanceOfficer, "RecordPayment,WaiveInstallment,AdjustFunding")]
    [InlineData(true, Roles.Administrator, "Start,Suspend,Terminate,ApproveMilestoneReport,RecordPayment,WaiveInstallment,AdjustFunding,ChangeDocuments")]
    [InlineData(true, Roles.Auditor, "")]
    public async Task The_contract_offers_what_its_status_allows_and_the_role_may_do(bool signed, string role, string expected)
    {
        var contractId = signed ? (await _scenario.SignedAsync(_agencyId, 100_000m)).ContractId : await _scenario.DraftAsync(_agencyId, 100_000m);

        var actions = (await Detail(contractId, role)).Actions;

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), actions.Allowed.Order().Select(a => a.ToString()));
        Assert.Equal(signed, actions.FundingNeedsReason);
    }

    [Fact]
    public async Task The_agencys_own_user_is_offered_nothing()
    {
        var contractId = (await _scenario.SignedAsync(_agencyId, 100_000m)).ContractId;

        var actions = (await _app.As<GetContractHandler>(Roles.AgencyUser, _agencyId).HandleAsync(contractId)).Actions;

        Assert.Empty(actions.Allowed);
    }
}
