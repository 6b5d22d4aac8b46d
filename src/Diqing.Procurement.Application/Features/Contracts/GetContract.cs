using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>The contract's own fields, as the contract page shows them.</summary>
public sealed record ContractView(
    int Id, string Number, string Title, string PurchasingUnit, int AgencyId, string AgencyName, bool AgencyIsActive,
    ProcurementMethod Method, ServiceCategory Category, IReadOnlyList<TargetGroup> TargetGroups, County County, string? Townships,
    decimal Amount, DateOnly? SignedOn, DateOnly StartOn, DateOnly EndOn, string? TermJustification, string? Description,
    ContractStatus Status, string? StatusReason, IReadOnlyList<PerformanceIndicator> Indicators, PerformanceEvaluation? Evaluation,
    int? CompetitionEntryId);

/// <summary>
/// A milestone with the links its report offers this user: the agency opens (or, while the contract runs, starts) it;
/// the bureau reads it once it has been submitted.
/// </summary>
public sealed record MilestoneView(
    int Id, string Name, DateOnly DueOn, string? Deliverables, DateTime? ReportApprovedAtUtc,
    int? ReportId, ReportStatus? ReportStatus, bool CanOpenReport, bool CanReadReview);

/// <summary>An installment of the payment schedule with what this user may do to it now.</summary>
public sealed record InstallmentView(
    int Id, int Sequence, string Label, decimal Amount, decimal? Percent, InstallmentCondition Condition, int? MilestoneId, string? MilestoneName,
    InstallmentStatus Status, decimal PaidAmount, decimal Outstanding, string? WaiverReason, DateOnly? PayableFrom, bool CanPay, bool CanWaive);

public sealed record ContractAllocationLine(
    int Id, int FundingSourceId, string FundingSourceName, FundingKind Kind, int FiscalYear, decimal Amount, decimal Disbursed, decimal Undisbursed,
    string? AdjustmentReason, string? FiscalYearReason);

public sealed record ContractPaymentLine(int Id, string VoucherNumber, DateOnly PaidOn, decimal Amount, string FundingSourceName, string? InstallmentLabel);

public sealed record ContractHistoryLine(DateTime OccurredAtUtc, string? UserName, AuditAction Action, string EntityType, string Changes)
{
    /// <summary>The entity type in the UI's language (<see cref="Audit.AuditChangeText"/>).</summary>
    public string EntityName { get; init; } = EntityType;

    /// <summary>The changes read aloud, one line a field, in the UI's language.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
}

/// <summary>Everything the contract page shows, with the decisions and totals already made by the domain.</summary>
public sealed record ContractDetail(
    ContractView Contract,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<InstallmentView> Installments,
    IReadOnlyList<ContractAllocationLine> Allocations,
    IReadOnlyList<ContractPaymentLine> Payments,
    IReadOnlyList<ContractHistoryLine> History,
    ContractActions Actions,
    ContractTotals Totals)
{
    public decimal Allocated => Totals.Allocated;

    public decimal Paid => Totals.Paid;

    public decimal Unpaid => Totals.Unpaid;
}

/// <summary>
/// The contract's money: allocated, disbursed and undisbursed from its allocations; scheduled, paid and unpaid from
/// its installments; the warnings shown while it is a draft (signing refuses the same); what is left to allocate.
/// </summary>
public sealed record ContractTotals(
    decimal Allocated, decimal Disbursed, decimal Undisbursed, decimal Scheduled, decimal Paid, decimal Unpaid,
    bool FundingMismatch, bool ScheduleMismatch, decimal Unfunded);

/// <summary>Everything the contract page shows, on the server's terms (R-01: other agencies' contracts are "not found").</summary>
public sealed class GetContractHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<ContractDetail> HandleAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Visible(currentUser)
            .Include(c => c.Milestones).Include(c => c.Installments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(PurchaseContract), id);

        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == contract.AgencyId, cancellationToken);
        var allocations = await db.Allocations.AsNoTracking().Where(a => a.ContractId == id)
            .Select(a => new
            {
                a.Id, a.FundingSourceId, a.FundingSource.Name, a.FundingSource.Kind, a.FundingSource.FiscalYear, a.Amount,
                Disbursed = a.Disbursements.Sum(d => (decimal?)d.Amount) ?? 0m, a.AdjustmentReason, a.FiscalYearReason,
            })
            .ToListAsync(cancellationToken);
        var payments = await db.Disbursements.AsNoTracking().Where(d => d.Allocation.ContractId == id)
            .OrderBy(d => d.PaidOn).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.VoucherNumber, d.PaidOn, d.Amount, d.Allocation.FundingSource.Name, d.InstallmentId })
            .ToListAsync(cancellationToken);
        var reports = await db.MilestoneReports.AsNoTracking().Where(r => r.ContractId == id)
            .Select(r => new { r.MilestoneId, r.Id, r.Status })
            .ToListAsync(cancellationToken);
        IReadOnlyList<ContractHistoryLine> history = currentUser.IsAgencyOnly() ? [] : await HistoryAsync(db, contract, cancellationToken);

        var actions = ContractAccess.ActionsFor(contract, currentUser);
        var writesReports = currentUser.IsAnyOf(ReportAccess.Writers);
        var readsReviews = currentUser.IsAnyOf(ReportAccess.BureauReaders);
        var milestones = contract.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id).Select(m =>
        {
            var report = reports.FirstOrDefault(r => r.MilestoneId == m.Id);
            return new MilestoneView(m.Id, m.Name, m.DueOn, m.Deliverables, m.ReportApprovedAtUtc, report?.Id, report?.Status,
                CanOpenReport: writesReports && (report is not null || contract.Status.IsRunning()),
                CanReadReview: readsReviews && report is not null && report.Status.IsVisibleToBureau());
        }).ToList();
        var installments = contract.Installments.OrderBy(i => i.Sequence).Select(i => new InstallmentView(
            i.Id, i.Sequence, i.Label, i.Amount, i.Percent, i.Condition, i.MilestoneId, contract.Milestones.FirstOrDefault(m => m.Id == i.MilestoneId)?.Name,
            i.Status, i.PaidAmount, i.Outstanding, i.WaiverReason, i.PayableFrom,
            CanPay: actions.CanPay && i.IsPayable,
            CanWaive: actions.CanWaive && i.IsWaivable)).ToList();

        var allocated = allocations.Sum(a => a.Amount);
        var disbursed = allocations.Sum(a => a.Disbursed);
        var beforeSigning = contract.Allows(ContractAction.Sign);
        var totals = new ContractTotals(
            allocated, disbursed, allocated - disbursed, contract.ScheduledTotal, contract.PaidTotal, contract.UnpaidTotal,
            FundingMismatch: beforeSigning && !contract.IsFullyFundedBy(allocated),
            ScheduleMismatch: beforeSigning && contract.Installments.Count > 0 && !contract.ScheduleMatchesAmount,
            Unfunded: contract.Amount - allocated);

        var view = new ContractView(
            contract.Id, contract.Number, contract.Title, contract.PurchasingUnit, contract.AgencyId, agency.Name, agency.IsActive,
            contract.Method, contract.Category, contract.TargetGroups, contract.County, contract.Townships,
            contract.Amount, contract.SignedOn, contract.StartOn, contract.EndOn, contract.TermJustification, contract.Description,
            contract.Status, contract.StatusReason, contract.Indicators, contract.Evaluation, contract.CompetitionEntryId);
        return new ContractDetail(
            view,
            milestones,
            installments,
            allocations.Select(a => new ContractAllocationLine(
                a.Id, a.FundingSourceId, a.Name, a.Kind, a.FiscalYear, a.Amount, a.Disbursed, a.Amount - a.Disbursed, a.AdjustmentReason, a.FiscalYearReason)).ToList(),
            payments.Select(p => new ContractPaymentLine(p.Id, p.VoucherNumber, p.PaidOn, p.Amount, p.Name, installments.FirstOrDefault(i => i.Id == p.InstallmentId)?.Label)).ToList(),
            history,
            actions,
            totals);
    }

    /// <summary>The contract's own audit entries and those of its milestones, installments, allocations and payments.</summary>
    private static async Task<IReadOnlyList<ContractHistoryLine>> HistoryAsync(ProcurementDbContext db, PurchaseContract contract, CancellationToken cancellationToken)
    {
        var keys = new List<(string Type, string Key)> { (nameof(PurchaseContract), Key(contract.Id)) };
        keys.AddRange(contract.Milestones.Select(m => (nameof(Milestone), Key(m.Id))));
        keys.AddRange(contract.Installments.Select(i => (nameof(Installment), Key(i.Id))));
        var allocationIds = await db.Allocations.Where(a => a.ContractId == contract.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var disbursementIds = await db.Disbursements.Where(d => d.Allocation.ContractId == contract.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        keys.AddRange(allocationIds.Select(i => (nameof(Allocation), Key(i))));
        keys.AddRange(disbursementIds.Select(i => (nameof(Disbursement), Key(i))));

        var lines = new List<ContractHistoryLine>();
        foreach (var group in keys.GroupBy(k => k.Type))
        {
            var ids = group.Select(g => g.Key).ToList();
            lines.AddRange(await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == group.Key && ids.Contains(e.EntityKey!))
                .Select(e => new ContractHistoryLine(e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.Changes))
                .ToListAsync(cancellationToken));
        }

        var readable = Audit.AuditChangeText.ForCurrentCulture(db.Model);
        return lines.OrderByDescending(l => l.OccurredAtUtc)
            .Select(l => l with { EntityName = readable.EntityName(l.EntityType), Lines = readable.Lines(l.EntityType, l.Action, l.Changes) })
            .ToList();
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
