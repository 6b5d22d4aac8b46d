using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>The explicit, audited lifecycle actions. Each precondition is checked by the contract itself.</summary>
public sealed class ContractTransitions(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public Task SignAsync(int contractId, DateOnly signedOn, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, async (db, contract) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Id == contract.AgencyId, cancellationToken);
            var funding = await db.Allocations.Where(a => a.ContractId == contractId)
                .Select(a => new { a.Amount, a.FundingSource.Kind }).ToListAsync(cancellationToken);
            contract.Sign(signedOn, agency, new FundingSnapshot(funding.Sum(f => f.Amount), funding.Any(f => f.Kind == FundingKind.WelfareLottery)),
                ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime));
        }, cancellationToken);

    public Task StartAsync(int contractId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(c.Start), cancellationToken);

    public Task SuspendAsync(int contractId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(() => c.Suspend(reason)), cancellationToken);

    public Task ResumeAsync(int contractId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(c.Resume), cancellationToken);

    public Task TerminateAsync(int contractId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(() => c.Terminate(reason)), cancellationToken);

    public Task AcceptAsync(int contractId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(c.Accept), cancellationToken);

    public Task CloseAsync(int contractId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(c.Close), cancellationToken);

    /// <summary>Waiving money not to be paid is a finance decision as well as a procurement one.</summary>
    public async Task WaiveInstallmentAsync(int contractId, int installmentId, string reason, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.Waivers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, contractId, currentUser, cancellationToken);
        var installment = contract.Installments.SingleOrDefault(i => i.Id == installmentId) ?? throw new NotFoundException(nameof(Installment), installmentId);
        contract.WaiveInstallment(installment, reason);
        await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
    }

    /// <summary>R-16 as an application operation (the reports feature calls it when a report is approved).</summary>
    public Task ApproveMilestoneReportAsync(int contractId, int milestoneId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contractId, (_, c) => Run(() =>
            c.ApproveMilestoneReport(c.Milestones.SingleOrDefault(m => m.Id == milestoneId) ?? throw new NotFoundException(nameof(Milestone), milestoneId),
                clock.GetUtcNow().UtcDateTime)), cancellationToken);

    public async Task EvaluateAsync(int contractId, decimal score, DateOnly evaluatedOn, string? comments, CancellationToken cancellationToken = default)
    {
        var evaluator = currentUser.UserName ?? throw new ForbiddenAccessException();
        await ChangeAsync(contractId, (_, c) => Run(() => c.Evaluate(new PerformanceEvaluation(score, evaluator, evaluatedOn, comments))), cancellationToken);
    }

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private async Task ChangeAsync(int contractId, Func<ProcurementDbContext, PurchaseContract, Task> change, CancellationToken cancellationToken)
    {
        currentUser.DemandAny(ContractAccess.Editors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await ContractAccess.LoadForChangeAsync(db, contractId, currentUser, cancellationToken);
        await change(db, contract);
        await db.SaveOrRefuseAsync("Contract.ChangedByOthers", cancellationToken);
    }
}
