using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

/// <summary>Everything the report form and the review page show about one milestone's report.</summary>
public sealed record ReportView(
    int ReportId,
    long Version,
    ReportStatus Status,
    ReportContent Content,
    DateTime DraftSavedAtUtc,
    string ContractNumber,
    string ContractTitle,
    DateOnly ContractStart,
    DateOnly ContractEnd,
    string AgencyName,
    string MilestoneName,
    DateOnly MilestoneDueOn,
    string? Deliverables,
    IReadOnlyList<PerformanceIndicator> Indicators,
    IReadOnlyList<TargetGroup> TargetGroups,
    IReadOnlyList<ReportVersion> Versions,
    int ContractId,
    int MilestoneId,
    bool ContractActive,
    bool CanEdit,
    bool CanReview,
    IReadOnlyList<LinkedInstallment> Installments)
{
    public ReportVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>Approved: the milestone is done .</summary>
    public bool IsApproved => Status == ReportStatus.Approved;

    /// <summary>The comments of the last return, shown next to the fields while the agency reworks the report.</summary>
    public ReportVersion? LastReturn => Status == ReportStatus.Returned ? Latest : null;
}

/// <summary>An installment that the approval of this report's milestone releases .</summary>
public sealed record LinkedInstallment(string Label, decimal Amount, InstallmentStatus Status, bool IsPayable);

/// <summary>The report as submitted: complete enough for review (same rules in the form and on the server).</summary>
public sealed class SubmitReportValidator : AbstractValidator<ReportSubmission>
{
    public const int MinimumNarrative = 20;

    public SubmitReportValidator()
    {
        RuleFor(s => s.Content.PeriodFrom).NotNull().WithName("PeriodFrom").WithMessage(_ => Messages.Get("Report.PeriodRequired"));
        RuleFor(s => s.Content.PeriodTo).NotNull().WithName("PeriodTo").WithMessage(_ => Messages.Get("Report.PeriodRequired"));
        RuleFor(s => s).Must(s => s.Content.PeriodFrom is null || s.Content.PeriodTo is null
                || (s.Content.PeriodFrom <= s.Content.PeriodTo && s.Content.PeriodFrom >= s.ContractStart && s.Content.PeriodTo <= s.ContractEnd))
            .WithName("PeriodTo").WithMessage(_ => Messages.Get("Report.PeriodInvalid"));
        RuleFor(s => s.Content.Narrative).NotEmpty().WithName("Narrative").WithMessage(_ => Messages.Get("Report.NarrativeRequired", MinimumNarrative))
            .MinimumLength(MinimumNarrative).WithMessage(_ => Messages.Get("Report.NarrativeRequired", MinimumNarrative));
        RuleFor(s => s).Must(s => s.Indicators.All(i => s.Content.Indicators.Any(a => a.Indicator == i.Name && a.Actual is >= 0m)))
            .WithName("Indicators").WithMessage(_ => Messages.Get("Report.IndicatorsIncomplete"));
        RuleFor(s => s).Must(s => s.TargetGroups.All(g => s.Content.People.Any(p => p.Group == g && p.Count >= 0)))
            .WithName("People").WithMessage(_ => Messages.Get("Report.PeopleIncomplete"));
        RuleFor(s => s).Must(s => Enum.GetValues<SpendingCategory>().All(c => s.Content.Spending.Count(x => x.Category == c && x.Amount >= 0m) == 1))
            .WithName("Spending").WithMessage(_ => Messages.Get("Report.SpendingIncomplete"));
    }
}

public sealed record ReportSubmission(
    ReportContent Content, DateOnly ContractStart, DateOnly ContractEnd, IReadOnlyList<PerformanceIndicator> Indicators, IReadOnlyList<TargetGroup> TargetGroups);

/// <summary>Opens, saves and submits reports (agency users of the contract's agency only, R-13).</summary>
public sealed class WriteReportHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IValidator<ReportSubmission> submitValidator,
    TimeProvider clock)
{
    /// <summary>The report of a milestone, created as an empty draft the first time its agency opens it.</summary>
    public async Task<ReportView> OpenAsync(int milestoneId, CancellationToken cancellationToken = default)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Milestones)
            .SingleOrDefaultAsync(c => c.AgencyId == agencyId && c.Milestones.Any(m => m.Id == milestoneId), cancellationToken)
            ?? throw new NotFoundException(nameof(Milestone), milestoneId);
        var exists = await db.MilestoneReports.AnyAsync(r => r.MilestoneId == milestoneId, cancellationToken);
        if (!exists && !contract.Status.IsRunning())
        {
            // A finished contract's reports stay readable; no new report is started for it.
            throw new DomainException("Report.ContractNotActive");
        }

        if (!exists)
        {
            db.MilestoneReports.Add(new MilestoneReport(contract.Id, milestoneId, agencyId, clock.GetUtcNow().UtcDateTime));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Opened at the same moment on another device: the other draft is the one.
            }
        }

        var reportId = await db.MilestoneReports.Where(r => r.MilestoneId == milestoneId).Select(r => r.Id).SingleAsync(cancellationToken);
        return await ReportViews.LoadAsync(db, reportId, currentUser, cancellationToken);
    }

    public async Task<ReportView> SaveDraftAsync(int reportId, long version, ReportContent content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await LoadOwnAsync(db, reportId, version, cancellationToken);
        report.SaveDraft(content, clock.GetUtcNow().UtcDateTime);
        await db.SaveOrRefuseAsync("Report.ChangedElsewhere", cancellationToken);
        return await ReportViews.LoadAsync(db, reportId, currentUser, cancellationToken);
    }

    /// <summary>Saves the content and submits it in one step, after the completeness rules pass.</summary>
    public async Task<ReportView> SubmitAsync(int reportId, long version, ReportContent content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await LoadOwnAsync(db, reportId, version, cancellationToken);
        var contract = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == report.ContractId, cancellationToken);
        await submitValidator.ValidateAndThrowAsync(new ReportSubmission(content, contract.StartOn, contract.EndOn, contract.Indicators, contract.TargetGroups), cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        report.SaveDraft(content, now);
        var submitted = report.Submit(currentUser.UserName!, now);
        var milestone = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == report.MilestoneId, cancellationToken);
        await Notifications.Notifier.ToReviewersAsync(db, userId => new Domain.Notifications.Notification(
            userId, Domain.Notifications.NotificationKind.ReportSubmitted, $"{contract.Number} {contract.Title}", milestone.Name,
            contract.Id, report.Id, milestone.Id, $"submitted:{report.Id}:{submitted.Number}", now), cancellationToken);
        await db.SaveOrRefuseAsync("Report.ChangedElsewhere", cancellationToken);
        return await ReportViews.LoadAsync(db, reportId, currentUser, cancellationToken);
    }

    private async Task<MilestoneReport> LoadOwnAsync(ProcurementDbContext db, int reportId, long version, CancellationToken cancellationToken)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        var report = await db.MilestoneReports.Include(r => r.Versions)
            .SingleOrDefaultAsync(r => r.Id == reportId && r.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(MilestoneReport), reportId);
        var contractStatus = await db.Contracts.Where(c => c.Id == report.ContractId).Select(c => c.Status).SingleAsync(cancellationToken);
        if (!contractStatus.IsRunning())
        {
            throw new DomainException("Report.ContractNotActive");
        }

        if (report.Version != version)
        {
            throw new DomainException("Report.ChangedElsewhere");
        }

        return report;
    }
}

internal static class ReportViews
{
    public static async Task<ReportView> LoadAsync(ProcurementDbContext db, int reportId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var report = await db.MilestoneReports.AsNoTracking().Visible(user).Include(r => r.Versions)
            .SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken)
            ?? throw new NotFoundException(nameof(MilestoneReport), reportId);
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Milestones).Include(c => c.Installments).AsSplitQuery().SingleAsync(c => c.Id == report.ContractId, cancellationToken);
        var milestone = contract.Milestones.Single(m => m.Id == report.MilestoneId);
        var agencyName = await db.Agencies.Where(a => a.Id == report.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        // The working copy belongs to the agency: everyone else reads what was last submitted (nothing before the first submission).
        var ownAgency = user.IsAgencyOnly() && user.AgencyId == report.AgencyId;
        var versions = report.Versions.OrderBy(v => v.Number).ToList();
        var content = ownAgency ? report.Content : versions.LastOrDefault()?.Content ?? ReportContent.Empty;
        return new ReportView(report.Id, report.Version, report.Status, content, report.DraftSavedAtUtc, contract.Number, contract.Title,
            contract.StartOn, contract.EndOn, agencyName, milestone.Name, milestone.DueOn, milestone.Deliverables, contract.Indicators, contract.TargetGroups,
            versions, contract.Id, milestone.Id, contract.Status.IsRunning(),
            CanEdit: contract.Status.IsRunning() && report.IsEditableByAgency && ownAgency,
            CanReview: contract.Status.IsRunning() && report.IsAwaitingReview && user.IsAnyOf(ReportAccess.Reviewers),
            Installments: contract.Installments.Where(i => i.MilestoneId == milestone.Id).OrderBy(i => i.Sequence)
                .Select(i => new LinkedInstallment(i.Label, i.Amount, i.Status, i.IsPayable)).ToList());
    }
}
