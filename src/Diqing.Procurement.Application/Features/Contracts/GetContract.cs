using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

public sealed record ContractAllocationLine(int Id, int FundingSourceId, string FundingSourceName, FundingKind Kind, decimal Amount, decimal Disbursed, string? AdjustmentReason);

public sealed record ContractPaymentLine(int Id, string VoucherNumber, DateOnly PaidOn, decimal Amount, string FundingSourceName, int? InstallmentId);

public sealed record ContractHistoryLine(DateTime OccurredAtUtc, string? UserName, AuditAction Action, string EntityType, string Changes)
{
    /// <summary>The entity type in the UI's language (<see cref="Audit.AuditChangeText"/>).</summary>
    public string EntityName { get; init; } = EntityType;

    /// <summary>The changes read aloud, one line a field, in the UI's language.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
}

/// <summary>The report of a milestone, for linking to it from the contract (each reader's own report page decides what it shows).</summary>
public sealed record ContractMilestoneReport(int MilestoneId, int ReportId, Domain.Reports.ReportStatus Status);

public sealed record ContractDetail(
    PurchaseContract Contract,
    string AgencyName,
    bool AgencyIsActive,
    IReadOnlyList<ContractAllocationLine> Allocations,
    IReadOnlyList<ContractPaymentLine> Payments,
    IReadOnlyList<ContractHistoryLine> History,
    ContractActions Actions,
    IReadOnlyList<ContractMilestoneReport> Reports)
{
    public decimal Allocated => Allocations.Sum(a => a.Amount);

    public decimal Paid => Payments.Sum(p => p.Amount);

    public decimal Unpaid => Contract.Amount - Paid;
}

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
            .Select(a => new ContractAllocationLine(a.Id, a.FundingSourceId, a.FundingSource.Name, a.FundingSource.Kind, a.Amount,
                a.Disbursements.Sum(d => (decimal?)d.Amount) ?? 0m, a.AdjustmentReason))
            .ToListAsync(cancellationToken);
        var payments = await db.Disbursements.AsNoTracking().Where(d => d.Allocation.ContractId == id)
            .OrderBy(d => d.PaidOn).ThenBy(d => d.Id)
            .Select(d => new ContractPaymentLine(d.Id, d.VoucherNumber, d.PaidOn, d.Amount, d.Allocation.FundingSource.Name, d.InstallmentId))
            .ToListAsync(cancellationToken);

        IReadOnlyList<ContractHistoryLine> history = [];
        if (!currentUser.IsInRole(Roles.AgencyUser) || currentUser.IsInRole(Roles.Administrator))
        {
            history = await HistoryAsync(db, contract, cancellationToken);
        }

        var reports = await db.MilestoneReports.AsNoTracking().Where(r => r.ContractId == id)
            .Select(r => new ContractMilestoneReport(r.MilestoneId, r.Id, r.Status))
            .ToListAsync(cancellationToken);
        return new ContractDetail(contract, agency.Name, agency.IsActive, allocations, payments, history, ContractAccess.ActionsFor(contract, currentUser), reports);
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
