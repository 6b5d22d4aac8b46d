using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Contracts;

/// <summary>
/// A government purchase-of-service contract (政府购买服务合同). Every state change is an explicit
/// method that checks its preconditions; <see cref="Version"/> moves
/// with each change so concurrent edits are refused rather than merged.
/// </summary>
public class PurchaseContract
{
    /// <summary>The one table of which status allows which action; the methods below check it, and the UI reads it through <see cref="Allows"/>.</summary>
    private static readonly IReadOnlyDictionary<ContractAction, ContractStatus[]> AllowedFrom = new Dictionary<ContractAction, ContractStatus[]>
    {
        [ContractAction.Sign] = [ContractStatus.Draft],
        [ContractAction.Start] = [ContractStatus.Signed],
        [ContractAction.Suspend] = [ContractStatus.Signed, ContractStatus.InProgress],
        [ContractAction.Resume] = [ContractStatus.Suspended],
        [ContractAction.Terminate] = [ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Suspended],
        [ContractAction.Accept] = [ContractStatus.InProgress],
        [ContractAction.Close] = [ContractStatus.Accepted],
        [ContractAction.Evaluate] = [ContractStatus.Accepted, ContractStatus.Closed],
        [ContractAction.EditDraft] = [ContractStatus.Draft],
        [ContractAction.ApproveMilestoneReport] = [ContractStatus.Signed, ContractStatus.InProgress],

        // Payments while the contract runs, after acceptance, and for work done before a termination.
        [ContractAction.RecordPayment] = [ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Accepted, ContractStatus.Terminated],

        // Waivers while money may still be paid out or written off.
        [ContractAction.WaiveInstallment] = [ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Suspended, ContractStatus.Accepted, ContractStatus.Terminated],
        [ContractAction.AdjustFunding] = [ContractStatus.Draft, ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Suspended, ContractStatus.Accepted],
        [ContractAction.ChangeDocuments] = [ContractStatus.Draft, ContractStatus.Signed, ContractStatus.InProgress, ContractStatus.Suspended, ContractStatus.Accepted],
    };

    private readonly List<Milestone> _milestones = [];
    private readonly List<Installment> _installments = [];
    private List<PerformanceIndicator> _indicators = [];
    private List<TargetGroup> _targetGroups = [];

    private PurchaseContract()
    {
        Number = string.Empty;
        Title = string.Empty;
        PurchasingUnit = string.Empty;
    }

    public PurchaseContract(string number, int year, int sequenceNumber, ContractDetails details, DateTime createdAtUtc)
    {
        Number = number;
        Year = year;
        SequenceNumber = sequenceNumber;
        Title = string.Empty;
        PurchasingUnit = string.Empty;
        Status = ContractStatus.Draft;
        CreatedAtUtc = createdAtUtc;
        Apply(details);
    }

    public int Id { get; private set; }

    /// <summary>R-12: DQMZ-{year}-{sequence}, unique and without gaps.</summary>
    public string Number { get; private set; }

    public int Year { get; private set; }

    public int SequenceNumber { get; private set; }

    public string Title { get; private set; }

    /// <summary>采购单位, e.g. 迪庆州民政局.</summary>
    public string PurchasingUnit { get; private set; }

    public int AgencyId { get; private set; }

    public ProcurementMethod Method { get; private set; }

    public ServiceCategory Category { get; private set; }

    public IReadOnlyList<TargetGroup> TargetGroups => _targetGroups;

    public County County { get; private set; }

    /// <summary>Townships served (乡镇), free text.</summary>
    public string? Townships { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public DateOnly StartOn { get; private set; }

    public DateOnly EndOn { get; private set; }

    /// <summary>R-09: why a term longer than one year is justified.</summary>
    public string? TermJustification { get; private set; }

    public string? Description { get; private set; }

    public ContractStatus Status { get; private set; }

    public ContractStatus? SuspendedFrom { get; private set; }

    public string? StatusReason { get; private set; }

    public IReadOnlyList<PerformanceIndicator> Indicators => _indicators;

    public IReadOnlyList<Milestone> Milestones => _milestones;

    public IReadOnlyList<Installment> Installments => _installments;

    public PerformanceEvaluation? Evaluation { get; private set; }

    /// <summary>The competition entry this contract was awarded from, if any.</summary>
    public int? CompetitionEntryId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public long Version { get; private set; }

    public decimal ScheduledTotal => _installments.Sum(i => i.Amount);

    /// <summary>What has been paid of the contract: the payments recorded against its installments (the one definition of "paid").</summary>
    public decimal PaidTotal => _installments.Sum(i => i.PaidAmount);

    public decimal UnpaidTotal => Amount - PaidTotal;

    /// <summary>R-10: the schedule exists and adds up to exactly the contract amount.</summary>
    public bool ScheduleMatchesAmount => _installments.Count > 0 && ScheduledTotal == Amount;

    /// <summary>The calendar years the contract runs in (funding of another fiscal year needs a reason).</summary>
    public Funding.ContractYears Years => Funding.ContractYears.Of(StartOn, EndOn);

    /// <summary>R-11: allocations of exactly the contract amount.</summary>
    public bool IsFullyFundedBy(decimal allocatedTotal) => allocatedTotal == Amount;

    public void UpdateDraft(ContractDetails details)
    {
        Require(ContractAction.EditDraft);
        Apply(details);
        Touch();
    }

    public void LinkToCompetitionEntry(int entryId)
    {
        Require(ContractAction.EditDraft);
        CompetitionEntryId = entryId;
        Touch();
    }

    public void SetIndicators(IEnumerable<PerformanceIndicator> indicators)
    {
        Require(ContractAction.EditDraft);
        var list = indicators.ToList();
        if (list.Any(i => string.IsNullOrWhiteSpace(i.Name) || string.IsNullOrWhiteSpace(i.Unit) || i.Target <= 0m))
        {
            throw new DomainException("Contract.IndicatorInvalid");
        }

        foreach (var indicator in list)
        {
            NameText.Guard(indicator.Name);
        }

        _indicators = list.Select(i => i with { Name = i.Name.Trim(), Unit = i.Unit.Trim() }).ToList();
        Touch();
    }

    public Milestone AddMilestone(string name, DateOnly dueOn, string? deliverables)
    {
        Require(ContractAction.EditDraft);
        name = NameText.Require(name, "Milestone.NameRequired");

        if (dueOn < StartOn || dueOn > EndOn)
        {
            throw new DomainException("Milestone.DueOutsideTerm");
        }

        var milestone = new Milestone(name.Trim(), dueOn, string.IsNullOrWhiteSpace(deliverables) ? null : deliverables.Trim());
        _milestones.Add(milestone);
        Touch();
        return milestone;
    }

    public void RemoveMilestone(Milestone milestone)
    {
        Require(ContractAction.EditDraft);
        if (_installments.Any(i => ReferenceEquals(i.Milestone, milestone) || (milestone.Id != 0 && i.MilestoneId == milestone.Id)))
        {
            throw new DomainException("Milestone.UsedBySchedule");
        }

        _milestones.Remove(milestone);
        Touch();
    }

    /// <summary>Replaces the payment schedule. R-10 (it adds up to the amount) is checked when signing.</summary>
    public void SetSchedule(IEnumerable<InstallmentPlan> plan)
    {
        Require(ContractAction.EditDraft);
        var lines = plan.ToList();
        foreach (var line in lines)
        {
            Money.RequirePositive(line.Amount, "Installment.AmountInvalid");
            if (string.IsNullOrWhiteSpace(line.Label))
            {
                throw new DomainException("Installment.LabelRequired");
            }

            var needsMilestone = line.Condition == InstallmentCondition.OnMilestoneApproval;
            if (needsMilestone != (line.Milestone is not null) || (line.Milestone is not null && !_milestones.Contains(line.Milestone)))
            {
                throw new DomainException("Installment.MilestoneInvalid");
            }
        }

        _installments.Clear();
        _installments.AddRange(lines.Select((l, i) => new Installment(i + 1, l.Label.Trim(), l.Amount, l.Percent, l.Condition, l.Milestone)));
        Touch();
    }

    /// <summary>Draft → Signed, when every precondition holds. <paramref name="today"/> is the China date (R-26: no signing in the future).</summary>
    public void Sign(DateOnly signedOn, Agency agency, FundingSnapshot funding, DateOnly today)
    {
        Require(ContractAction.Sign);
        if (signedOn > today)
        {
            throw new DomainException("Contract.SignedInFuture", today);
        }

        if (agency.Id != AgencyId || !agency.IsActive)
        {
            throw new DomainException("Agency.Suspended");
        }

        ContractTerm.Validate(StartOn, EndOn, TermJustification);
        if (!ScheduleMatchesAmount)
        {
            throw new DomainException("Contract.ScheduleNotAmount", ScheduledTotal, Amount);
        }

        if (!IsFullyFundedBy(funding.AllocatedTotal))
        {
            throw new DomainException("Contract.NotFullyFunded", funding.AllocatedTotal, Amount);
        }

        if (funding.IncludesWelfareLottery && !TargetGroupsRules.WelfareLotteryEligible(_targetGroups))
        {
            throw new DomainException("Funding.WelfareLotteryNotEligible");
        }

        SignedOn = signedOn;
        Status = ContractStatus.Signed;
        foreach (var installment in _installments.Where(i => i.Condition == InstallmentCondition.OnSigning))
        {
            installment.MakePayable(signedOn);
        }

        Touch();
    }

    public void Start()
    {
        Require(ContractAction.Start);
        Status = ContractStatus.InProgress;
        Touch();
    }

    public void Suspend(string reason)
    {
        Require(ContractAction.Suspend);
        StatusReason = RequireReason(reason);
        SuspendedFrom = Status;
        Status = ContractStatus.Suspended;
        Touch();
    }

    public void Resume()
    {
        Require(ContractAction.Resume);
        Status = SuspendedFrom ?? ContractStatus.InProgress;
        SuspendedFrom = null;
        StatusReason = null;
        Touch();
    }

    public void Terminate(string reason)
    {
        Require(ContractAction.Terminate);
        StatusReason = RequireReason(reason);
        Status = ContractStatus.Terminated;
        Touch();
    }

    /// <summary>验收: every milestone's report must be approved.</summary>
    public void Accept()
    {
        Require(ContractAction.Accept);
        if (_milestones.Any(m => !m.IsReportApproved))
        {
            throw new DomainException("Contract.MilestonesNotApproved");
        }

        Status = ContractStatus.Accepted;
        Touch();
    }

    /// <summary>Every installment must be paid or waived with a reason.</summary>
    public void Close()
    {
        Require(ContractAction.Close);
        if (_installments.Any(i => i.Status is not (InstallmentStatus.Paid or InstallmentStatus.Waived)))
        {
            throw new DomainException("Contract.InstallmentsOpen");
        }

        Status = ContractStatus.Closed;
        Touch();
    }

    /// <summary>R-16: approving a milestone's report makes the installments tied to it payable.</summary>
    public void ApproveMilestoneReport(Milestone milestone, DateTime approvedAtUtc)
    {
        Require(ContractAction.ApproveMilestoneReport);
        if (!_milestones.Contains(milestone))
        {
            throw new DomainException("Milestone.NotOfContract");
        }

        milestone.MarkReportApproved(approvedAtUtc);
        foreach (var installment in _installments.Where(i => i.Condition == InstallmentCondition.OnMilestoneApproval
                     && (ReferenceEquals(i.Milestone, milestone) || i.MilestoneId == milestone.Id)))
        {
            installment.MakePayable(ChinaTime.DateOf(approvedAtUtc));
        }

        Touch();
    }

    /// <summary>
    /// A payment of an installment, dated <paramref name="paidOn"/> (R-26: not after <paramref name="today"/>, the China date,
    /// not before the signing date, not before the day the installment became payable).
    /// </summary>
    public void RecordPayment(Installment installment, decimal amount, DateOnly paidOn, DateOnly today)
    {
        Require(ContractAction.RecordPayment);
        Own(installment);
        if (paidOn > today)
        {
            throw new DomainException("Payment.DateInFuture", today);
        }

        if (SignedOn is { } signedOn && paidOn < signedOn)
        {
            throw new DomainException("Payment.DateBeforeSigning", signedOn);
        }

        if (installment.PayableFrom is { } payableFrom && paidOn < payableFrom)
        {
            throw new DomainException("Payment.DateBeforePayable", payableFrom);
        }

        installment.RecordPayment(amount);
        Touch();
    }

    public void WaiveInstallment(Installment installment, string reason)
    {
        Require(ContractAction.WaiveInstallment);
        Own(installment).Waive(reason);
        Touch();
    }

    public void Evaluate(PerformanceEvaluation evaluation)
    {
        Require(ContractAction.Evaluate);
        Evaluation = evaluation;
        Touch();
    }

    public static string FormatNumber(int year, int sequence) => $"DQMZ-{year}-{sequence:D4}";

    private void Apply(ContractDetails details)
    {
        NameText.Require(details.Title, "Contract.TitleRequired");

        if (string.IsNullOrWhiteSpace(details.PurchasingUnit))
        {
            throw new DomainException("Contract.PurchasingUnitRequired");
        }

        if (details.TargetGroups.Count == 0)
        {
            throw new DomainException("Contract.TargetGroupsRequired");
        }

        Money.RequirePositive(details.Amount, "Contract.AmountInvalid");
        ContractTerm.Validate(details.StartOn, details.EndOn, details.TermJustification);
        if (_milestones.Any(m => m.DueOn < details.StartOn || m.DueOn > details.EndOn))
        {
            throw new DomainException("Milestone.DueOutsideTerm");
        }

        Title = details.Title.Trim();
        PurchasingUnit = details.PurchasingUnit.Trim();
        AgencyId = details.AgencyId;
        Method = details.Method;
        Category = details.Category;
        _targetGroups = details.TargetGroups.Distinct().Order().ToList();
        County = details.County;
        Townships = string.IsNullOrWhiteSpace(details.Townships) ? null : details.Townships.Trim();
        Amount = details.Amount;
        StartOn = details.StartOn;
        EndOn = details.EndOn;
        TermJustification = string.IsNullOrWhiteSpace(details.TermJustification) ? null : details.TermJustification.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
    }

    private Installment Own(Installment installment) =>
        _installments.Contains(installment) ? installment : throw new DomainException("Installment.NotOfContract");

    /// <summary>Whether the contract's status allows the action. Other preconditions (funding, approved
    /// milestones, settled installments…) are still checked when the action is taken.</summary>
    public bool Allows(ContractAction action) => Allows(Status, action);

    /// <summary>The same rule for a status read without loading the aggregate.</summary>
    public static bool Allows(ContractStatus status, ContractAction action) => AllowedFrom[action].Contains(status);

    /// <summary>Every action the current status allows, in <see cref="ContractAction"/> order.</summary>
    public IReadOnlyList<ContractAction> AllowedActions() => AllowedFrom.Keys.Where(Allows).Order().ToList();

    /// <summary>Public so that operations outside the aggregate (funding adjustments) check the same rule.</summary>
    public void Require(ContractAction action)
    {
        if (!Allows(action))
        {
            throw new DomainException("Contract.WrongStatus", Status);
        }
    }

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new DomainException("Contract.ReasonRequired") : reason.Trim();

    private void Touch() => Version++;
}
