using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Reports;

public sealed class ReviewReportTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 100_000m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).StartAsync(_contract.ContractId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private WriteReportHandler Form(int? agencyId = null) => _app.As<WriteReportHandler>(Roles.AgencyUser, agencyId ?? _agencyId, "deqin-user");

    private ReviewReportHandler Review(string role = Roles.ProcurementOfficer) => _app.As<ReviewReportHandler>(role, userName: "officer");

    private static ReportContent Complete(string? narrative = null) => narrative is null ? ReportSamples.Complete() : ReportSamples.Complete(narrative);

    [Fact]
    public async Task Submit_return_resubmit_approve_makes_the_installment_payable_in_the_same_step()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        Assert.Equal(ReportStatus.Draft, draft.Status);
        draft = await Form().SaveDraftAsync(draft.ReportId, draft.Version, Complete() with { Narrative = "草稿" });
        var submitted = await Form().SubmitAsync(draft.ReportId, draft.Version, Complete());
        Assert.Equal(ReportStatus.Submitted, submitted.Status);

        var queue = await Review().QueueAsync();
        Assert.Equal(submitted.ReportId, Assert.Single(queue).ReportId);

        await Review().ReturnAsync(submitted.ReportId, "请补充活动照片", new Dictionary<string, string> { ["Narrative"] = "请写明活动地点" });
        var returned = await Form().OpenAsync(_contract.MidTermMilestoneId);
        Assert.Equal(ReportStatus.Returned, returned.Status);
        Assert.Equal("请写明活动地点", returned.LastReturn!.FieldComments["Narrative"]);

        var resubmitted = await Form().SubmitAsync(returned.ReportId, returned.Version, Complete("本期在升平镇、燕门乡完成入户探访160人次，开展康乐活动12场。"));
        Assert.Equal(ReportStatus.Resubmitted, resubmitted.Status);
        Assert.Equal(2, resubmitted.Versions.Count);

        await Review().ApproveAsync(resubmitted.ReportId, "同意");

        var contract = await _app.As<GetContractHandler>(Roles.FinanceOfficer).HandleAsync(_contract.ContractId);
        Assert.Equal(InstallmentStatus.Payable, contract.Installments.Single(i => i.MilestoneId == _contract.MidTermMilestoneId).Status);
        Assert.Equal(InstallmentStatus.Pending, contract.Installments.Single(i => i.MilestoneId == _contract.CompletionMilestoneId).Status);
        Assert.Empty(await Review().QueueAsync());
    }

    [Fact]
    public async Task Once_the_contract_stops_its_reports_are_read_only_for_the_agency_and_not_reviewed()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        var submitted = await Form().SubmitAsync(draft.ReportId, draft.Version, Complete());
        await Review().ReturnAsync(submitted.ReportId, "请补充活动照片");

        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).SuspendAsync(_contract.ContractId, "机构负责人变更");

        var view = await Form().OpenAsync(_contract.MidTermMilestoneId);
        Assert.Equal(ReportStatus.Returned, view.Status);
        Assert.False(view.ContractActive);
        Assert.False(view.CanEdit);
        Assert.Equal("Report.ContractNotActive", (await Assert.ThrowsAsync<DomainException>(
            () => Form().SaveDraftAsync(view.ReportId, view.Version, Complete("暂停期间修改，长度足够二十个字符以上。")))).Code);
        Assert.Equal("Report.ContractNotActive", (await Assert.ThrowsAsync<DomainException>(() => Form().OpenAsync(_contract.CompletionMilestoneId))).Code);
        Assert.Equal("Report.ReviewContractNotActive", (await Assert.ThrowsAsync<DomainException>(() => Review().ApproveAsync(view.ReportId, "同意"))).Code);
    }

    [Fact]
    public async Task R13_bureau_staff_do_not_write_reports_and_agencies_do_not_review()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        var submitted = await Form().SubmitAsync(draft.ReportId, draft.Version, Complete());

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<WriteReportHandler>(Roles.ProcurementOfficer).OpenAsync(_contract.MidTermMilestoneId));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<ReviewReportHandler>(Roles.AgencyUser, _agencyId).ApproveAsync(submitted.ReportId, null));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Review(Roles.FinanceOfficer).ApproveAsync(submitted.ReportId, null));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Review(Roles.Auditor).ReturnAsync(submitted.ReportId, "x"));
        Assert.Equal(ReportStatus.Submitted, (await Review(Roles.Auditor).GetAsync(submitted.ReportId)).Status);
    }
}
