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

public sealed class WriteReportTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;
    private int _otherAgencyId;
    private SignedContract _contract = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
        _otherAgencyId = await _app.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        _contract = await new ContractScenario(_app).SignedAsync(_agencyId, 100_000m);
        await _app.As<ContractTransitions>(Roles.ProcurementOfficer).StartAsync(_contract.ContractId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private WriteReportHandler Form(int? agencyId = null) => _app.As<WriteReportHandler>(Roles.AgencyUser, agencyId ?? _agencyId, "deqin-user");

    private ReviewReportHandler Review(string role = Roles.ProcurementOfficer) => _app.As<ReviewReportHandler>(role, userName: "officer");

    private static ReportContent Complete(string? narrative = null) => narrative is null ? ReportSamples.Complete() : ReportSamples.Complete(narrative);

    [Fact]
    public async Task R14_a_submitted_report_is_read_only_for_the_agency()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        var submitted = await Form().SubmitAsync(draft.ReportId, draft.Version, Complete());

        var ex = await Assert.ThrowsAsync<DomainException>(() => Form().SaveDraftAsync(submitted.ReportId, submitted.Version, Complete("改过的内容，长度足够二十个字符以上。")));

        Assert.Equal("Report.ReadOnly", ex.Code);
    }

    [Fact]
    public async Task The_view_carries_the_contract_and_milestone_and_what_the_reader_may_do()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        Assert.Equal((_contract.ContractId, _contract.MidTermMilestoneId), (draft.ContractId, draft.MilestoneId));
        Assert.True(draft.CanEdit);
        Assert.False(draft.CanReview);
        draft = await Form().SaveDraftAsync(draft.ReportId, draft.Version, Complete("仅机构可见的工作稿，长度足够二十个字符以上。"));

        // Before the first submission the bureau sees no content: the working copy is the agency's.
        var early = await Review(Roles.Auditor).GetAsync(draft.ReportId);
        Assert.Null(early.Content.Narrative);
        Assert.False(early.CanEdit || early.CanReview);

        var submitted = await Form().SubmitAsync(draft.ReportId, draft.Version, Complete());
        Assert.False(submitted.CanEdit);
        Assert.True((await Review().GetAsync(submitted.ReportId)).CanReview);
        Assert.False((await Review(Roles.FinanceOfficer).GetAsync(submitted.ReportId)).CanReview);

        var detail = await _app.As<GetContractHandler>(Roles.ProcurementOfficer).HandleAsync(_contract.ContractId);
        var milestone = Assert.Single(detail.Milestones, m => m.Id == _contract.MidTermMilestoneId);
        Assert.Equal((submitted.ReportId, ReportStatus.Submitted, true), (milestone.ReportId!.Value, milestone.ReportStatus!.Value, milestone.CanReadReview));
        Assert.All(detail.Milestones.Where(m => m.Id != _contract.MidTermMilestoneId), m => Assert.Null(m.ReportId));
    }

    [Fact]
    public async Task An_incomplete_report_cannot_be_submitted_and_says_what_is_missing()
    {
        using var _ = new CultureScope("zh-CN");
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        var incomplete = Complete() with { Spending = [new Spending(SpendingCategory.Personnel, 1m)], People = [] };

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Form().SubmitAsync(draft.ReportId, draft.Version, incomplete));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("四类支出"));
        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("服务人数"));
        Assert.Equal(ReportStatus.Draft, (await Form().OpenAsync(_contract.MidTermMilestoneId)).Status);
    }

    [Fact]
    public async Task A_draft_saved_from_a_stale_copy_is_refused_instead_of_overwriting()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);
        await Form().SaveDraftAsync(draft.ReportId, draft.Version, Complete("在手机上写的版本，长度足够二十个字符。"));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Form().SaveDraftAsync(draft.ReportId, draft.Version, Complete("在电脑上写的旧版本，长度足够二十个字符。")));

        Assert.Equal("Report.ChangedElsewhere", ex.Code);
    }

    [Fact]
    public async Task R01_R13_another_agency_cannot_open_read_save_or_submit_the_report()
    {
        var draft = await Form().OpenAsync(_contract.MidTermMilestoneId);

        await Assert.ThrowsAsync<NotFoundException>(() => Form(_otherAgencyId).OpenAsync(_contract.MidTermMilestoneId));
        await Assert.ThrowsAsync<NotFoundException>(() => Form(_otherAgencyId).SaveDraftAsync(draft.ReportId, draft.Version, Complete()));
        await Assert.ThrowsAsync<NotFoundException>(() => Form(_otherAgencyId).SubmitAsync(draft.ReportId, draft.Version, Complete()));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.As<ReviewReportHandler>(Roles.AgencyUser, _otherAgencyId).GetAsync(draft.ReportId));
        Assert.Equal(ReportStatus.Draft, (await Review().GetAsync(draft.ReportId)).Status);
    }
}
