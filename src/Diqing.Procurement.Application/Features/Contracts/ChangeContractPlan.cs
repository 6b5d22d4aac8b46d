using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

public sealed record AddMilestoneCommand(int ContractId, string Name, DateOnly DueOn, string? Deliverables);

/// <summary>A schedule line: either an amount or a percentage of the contract amount.</summary>
public sealed record InstallmentInput(string Label, decimal? Amount, decimal? Percent, InstallmentCondition Condition, int? MilestoneId);

/// <summary>Milestones and payment schedule of a draft contract (ProcurementOfficer, Administrator).</summary>
public sealed class ChangeContractPlanHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<int> AddMilestoneAsync(AddMilestoneCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, command.ContractId, currentUser, cancellationToken);
        var milestone = contract.AddMilestone(command.Name, command.DueOn, command.Deliverables);
        await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
        return milestone.Id;
    }

    public async Task RemoveMilestoneAsync(int contractId, int milestoneId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, contractId, currentUser, cancellationToken);
        contract.RemoveMilestone(contract.Milestones.SingleOrDefault(m => m.Id == milestoneId) ?? throw new NotFoundException(nameof(Milestone), milestoneId));
        await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
    }

    /// <summary>
    /// Replaces the schedule. Percentages are turned into yuan rounded to the cent; the last
    /// percentage line takes the remainder, so 30/40/30 of ¥100,000.01 still adds up exactly.
    /// </summary>
    public async Task SetScheduleAsync(int contractId, IReadOnlyList<InstallmentInput> lines, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, contractId, currentUser, cancellationToken);
        var amounts = Amounts(contract.Amount, lines);
        var plan = lines.Select((line, i) => new InstallmentPlan(
            line.Label,
            amounts[i],
            line.Condition,
            line.MilestoneId is { } mid ? contract.Milestones.SingleOrDefault(m => m.Id == mid) ?? throw new DomainException("Installment.MilestoneInvalid") : null));
        contract.SetSchedule(plan);
        await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
    }

    internal static decimal[] Amounts(decimal contractAmount, IReadOnlyList<InstallmentInput> lines)
    {
        var amounts = new decimal[lines.Count];
        var percentLines = Enumerable.Range(0, lines.Count).Where(i => lines[i].Amount is null).ToList();
        if (percentLines.Any(i => lines[i].Percent is not (> 0m and <= 100m)))
        {
            throw new DomainException("Installment.AmountInvalid");
        }

        foreach (var i in Enumerable.Range(0, lines.Count).Except(percentLines))
        {
            amounts[i] = lines[i].Amount!.Value;
        }

        if (percentLines.Count == 0)
        {
            return amounts;
        }

        var percentTotal = percentLines.Sum(i => lines[i].Percent!.Value);
        foreach (var i in percentLines)
        {
            amounts[i] = decimal.Round(contractAmount * lines[i].Percent!.Value / 100m, 2, MidpointRounding.AwayFromZero);
        }

        if (percentTotal == 100m && percentLines.Count == lines.Count)
        {
            amounts[percentLines[^1]] += contractAmount - amounts.Sum();
        }

        return amounts;
    }
}
