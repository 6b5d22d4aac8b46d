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
    /// Replaces the schedule, keeping each line as entered (yuan or percent; see <see cref="PaymentSchedule"/>). A schedule
    /// that does not add up to the contract amount is refused unless <paramref name="saveIncomplete"/> says the officer
    /// saves it as an unfinished draft on purpose; signing still requires it to add up.
    /// </summary>
    public async Task SetScheduleAsync(int contractId, IReadOnlyList<InstallmentInput> lines, bool saveIncomplete = false, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, contractId, currentUser, cancellationToken);
        var entries = lines.Select(l => new ScheduleEntry(l.Amount, l.Amount is null ? l.Percent : null)).ToList();
        var amounts = PaymentSchedule.Amounts(contract.Amount, entries);
        if (!saveIncomplete && amounts.Sum() != contract.Amount)
        {
            throw new DomainException("Contract.ScheduleNotAmount", amounts.Sum(), contract.Amount);
        }

        var plan = lines.Select((line, i) => new InstallmentPlan(
            line.Label,
            amounts[i],
            line.Condition,
            line.MilestoneId is { } mid ? contract.Milestones.SingleOrDefault(m => m.Id == mid) ?? throw new DomainException("Installment.MilestoneInvalid") : null,
            entries[i].Percent));
        contract.SetSchedule(plan);
        await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
    }
}
