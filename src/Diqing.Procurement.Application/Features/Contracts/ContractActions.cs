using Diqing.Procurement.Domain.Contracts;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>
/// What the current user may do to a contract now: the actions its status allows
/// (<see cref="PurchaseContract.Allows"/>) that the user's roles may take (<see cref="ContractAccess.RolesFor"/>).
/// Pages only read these flags; the handlers and the contract check everything again.
/// </summary>
public sealed record ContractActions(IReadOnlySet<ContractAction> Allowed, bool FundingNeedsReason)
{
    /// <summary>The lifecycle transitions, in the order their buttons are shown.</summary>
    public static readonly IReadOnlyList<ContractAction> LifecycleSteps =
    [
        ContractAction.Sign, ContractAction.Start, ContractAction.Suspend, ContractAction.Resume,
        ContractAction.Terminate, ContractAction.Accept, ContractAction.Close, ContractAction.Evaluate,
    ];

    public static ContractActions None { get; } = new(new HashSet<ContractAction>(), false);

    public IReadOnlyList<ContractAction> Lifecycle => LifecycleSteps.Where(Allowed.Contains).ToList();

    public bool CanEditDraft => Allowed.Contains(ContractAction.EditDraft);

    public bool CanFund => Allowed.Contains(ContractAction.AdjustFunding);

    public bool CanPay => Allowed.Contains(ContractAction.RecordPayment);

    public bool CanWaive => Allowed.Contains(ContractAction.WaiveInstallment);

    public bool CanChangeDocuments => Allowed.Contains(ContractAction.ChangeDocuments);

    public bool Can(ContractAction action) => Allowed.Contains(action);
}
