namespace Diqing.Procurement.Domain.Contracts;

/// <summary>The eight government procurement methods (政府采购方式).</summary>
public enum ProcurementMethod
{
    PublicTender = 1,
    InvitationalTender = 2,
    CompetitiveNegotiation = 3,
    CompetitiveConsultation = 4,
    SingleSource = 5,
    RequestForQuotation = 6,
    FrameworkAgreement = 7,

    /// <summary>Below the procurement threshold (直接委托).</summary>
    DirectCommission = 8,
}

/// <summary>What is bought (服务类别), after the services named in the domain guide.</summary>
public enum ServiceCategory
{
    EconomicAssessment = 1,
    CaseFilesAndVisits = 2,
    NeedsAnalysis = 3,
    PsychologicalSupport = 4,
    ResourceLinking = 5,
    CapacityBuilding = 6,
    SocialIntegration = 7,
    CommunityRehabilitation = 8,
    ComprehensiveSocialWork = 9,
}

public enum ContractStatus
{
    Draft = 1,
    Signed = 2,
    InProgress = 3,
    Suspended = 4,
    Accepted = 5,
    Closed = 6,
    Terminated = 7,
}

public enum InstallmentCondition
{
    /// <summary>Payable as soon as the contract is signed.</summary>
    OnSigning = 1,

    /// <summary>Payable when the report of a named milestone is approved .</summary>
    OnMilestoneApproval = 2,
}

public enum InstallmentStatus
{
    Pending = 1,
    Payable = 2,
    Paid = 3,
    Waived = 4,
}

/// <summary>R-17 grades of a performance evaluation (绩效评价).</summary>
public enum EvaluationGrade
{
    Excellent = 1,
    Good = 2,
    Pass = 3,
    Fail = 4,
}

/// <summary>What a contract's status means beyond the action table of <see cref="PurchaseContract"/>.</summary>
public static class ContractStatuses
{
    /// <summary>
    /// A running contract (履行中): signed and not yet accepted, suspended or ended. Only then are reports
    /// written and reviewed, and only then can a milestone be overdue.
    /// </summary>
    public static bool IsRunning(this ContractStatus status) => status is ContractStatus.Signed or ContractStatus.InProgress;

    /// <summary>The same rule for a database query (translated to SQL).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<PurchaseContract, bool>> Running =
        c => c.Status == ContractStatus.Signed || c.Status == ContractStatus.InProgress;
}
