namespace Diqing.Procurement.Domain.Contracts;

/// <summary>
/// What can be done to a contract. <see cref="PurchaseContract.Allows"/> says which of them its status
/// allows, and every state-changing method checks the same table, so the UI asks the contract instead
/// of copying its rules. The lifecycle transitions come first, in the order they are offered.
/// </summary>
public enum ContractAction
{
    Sign = 1,
    Start = 2,
    Suspend = 3,
    Resume = 4,
    Terminate = 5,
    Accept = 6,
    Close = 7,
    Evaluate = 8,

    /// <summary>Change details, indicators, milestones and schedule (drafts only).</summary>
    EditDraft = 20,

    /// <summary>R-16, from the report review.</summary>
    ApproveMilestoneReport = 21,

    RecordPayment = 22,

    WaiveInstallment = 23,

    /// <summary>Allocate, change or remove funding (after signing with a reason, by finance).</summary>
    AdjustFunding = 24,

    /// <summary>Add or remove the contract's documents (attachments) until it is closed or terminated.</summary>
    ChangeDocuments = 25,
}
