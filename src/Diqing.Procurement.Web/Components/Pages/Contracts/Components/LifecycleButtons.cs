using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Contracts;

namespace Diqing.Procurement.Web.Components.Pages.Contracts.Components;

public enum LifecycleStep
{
    Sign,
    Start,
    Suspend,
    Resume,
    Terminate,
    Accept,
    Close,
    Evaluate,
}

/// <summary>
/// Which lifecycle buttons to offer. The contract itself guards every transition (the server refuses
/// a wrong one); this only keeps buttons that would certainly be refused off the page. It mirrors the
/// statuses PurchaseContract accepts for each step, because the domain does not expose them as data.
/// </summary>
public static class LifecycleButtons
{
    private static readonly IReadOnlyDictionary<LifecycleStep, ContractStatus[]> From = new Dictionary<LifecycleStep, ContractStatus[]>
    {
        [LifecycleStep.Sign] = [ContractStatus.Draft],
        [LifecycleStep.Start] = [ContractStatus.Signed],
        [LifecycleStep.Suspend] = [ContractStatus.Signed, ContractStatus.InProgress],
        [LifecycleStep.Resume] = [ContractStatus.Suspended],
        [LifecycleStep.Terminate] = [ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Suspended],
        [LifecycleStep.Accept] = [ContractStatus.InProgress],
        [LifecycleStep.Close] = [ContractStatus.Accepted],
        [LifecycleStep.Evaluate] = [ContractStatus.Accepted, ContractStatus.Closed],
    };

    /// <summary>Every lifecycle action is a procurement decision (ContractAccess.Editors, i.e. CanEdit).</summary>
    public static IReadOnlyList<LifecycleStep> Offered(ContractStatus status, ContractPermissions permissions) =>
        permissions.CanEdit ? From.Where(s => s.Value.Contains(status)).Select(s => s.Key).ToList() : [];

    /// <summary>Installments can be waived while money may still be paid out or written off.</summary>
    public static bool CanWaive(ContractStatus status, ContractPermissions permissions) =>
        (permissions.CanEdit || permissions.CanPay)
        && status is ContractStatus.Signed or ContractStatus.InProgress or ContractStatus.Suspended or ContractStatus.Accepted or ContractStatus.Terminated;

    /// <summary>Payments are recorded while the contract runs, after acceptance, and for work done before a termination.</summary>
    public static bool CanPay(ContractStatus status, ContractPermissions permissions) =>
        permissions.CanPay && status is ContractStatus.Signed or ContractStatus.InProgress or ContractStatus.Accepted or ContractStatus.Terminated;

    /// <summary>Allocations change while a draft (allocators) or, with a reason, until the contract is closed or terminated (finance).</summary>
    public static bool CanFund(ContractStatus status, ContractPermissions permissions) =>
        permissions.CanFund && status is not (ContractStatus.Closed or ContractStatus.Terminated);

    public static bool IsDraftEditable(ContractStatus status, ContractPermissions permissions) =>
        permissions.CanEdit && status == ContractStatus.Draft;
}
