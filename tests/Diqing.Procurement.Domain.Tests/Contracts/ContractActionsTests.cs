using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using static Diqing.Procurement.Domain.Tests.Contracts.ContractTestData;

namespace Diqing.Procurement.Domain.Tests.Contracts;

/// <summary>
/// The actions a contract advertises (what the UI offers) are exactly the ones it then accepts: for
/// every status and every action, a contract whose other preconditions hold (funded, milestones
/// approved, installments settled where closing needs it) succeeds if and only if it advertised the action.
/// </summary>
public class ContractActionsTests
{
    private const decimal Amount = 100_000m;
    private static readonly DateTime Noon = new(2026, 6, 30, 4, 0, 0, DateTimeKind.Utc);

    public static TheoryData<ContractStatus, ContractAction> EveryStatusAndAction()
    {
        var data = new TheoryData<ContractStatus, ContractAction>();
        foreach (var status in Enum.GetValues<ContractStatus>())
        {
            foreach (var action in Enum.GetValues<ContractAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void An_action_succeeds_exactly_when_the_contract_advertises_it(ContractStatus status, ContractAction action)
    {
        var contract = InStatus(status, settled: action == ContractAction.Close);
        var advertised = contract.AllowedActions().Contains(action);
        Assert.Equal(advertised, contract.Allows(action));

        var error = Record.Exception(() => Take(contract, action));

        if (advertised)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal("Contract.WrongStatus", Assert.IsType<DomainException>(error).Code);
        }
    }

    [Theory]
    [InlineData(ContractStatus.Draft, "Sign,EditDraft,AdjustFunding,ChangeDocuments")]
    [InlineData(ContractStatus.Signed, "Start,Suspend,Terminate,ApproveMilestoneReport,RecordPayment,WaiveInstallment,AdjustFunding,ChangeDocuments")]
    [InlineData(ContractStatus.InProgress, "Suspend,Terminate,Accept,ApproveMilestoneReport,RecordPayment,WaiveInstallment,AdjustFunding,ChangeDocuments")]
    [InlineData(ContractStatus.Suspended, "Resume,Terminate,WaiveInstallment,AdjustFunding,ChangeDocuments")]
    [InlineData(ContractStatus.Accepted, "Close,Evaluate,RecordPayment,WaiveInstallment,AdjustFunding,ChangeDocuments")]
    [InlineData(ContractStatus.Closed, "Evaluate")]
    [InlineData(ContractStatus.Terminated, "RecordPayment,WaiveInstallment")]
    public void Each_status_advertises_its_actions_in_order(ContractStatus status, string expected) =>
        Assert.Equal(expected.Split(','), InStatus(status, settled: status == ContractStatus.Closed).AllowedActions().Select(a => a.ToString()));

    /// <summary>A planned, fully funded contract brought to <paramref name="status"/> the way users do;
    /// once signed both milestones are approved (every installment payable), and paid when <paramref name="settled"/>.</summary>
    private static PurchaseContract InStatus(ContractStatus status, bool settled)
    {
        var (contract, midTerm, completion) = Planned(Amount);
        if (status == ContractStatus.Draft)
        {
            return contract;
        }

        contract.Sign(new DateOnly(2026, 1, 5), ActiveAgency(), new FundingSnapshot(Amount, false), Today);
        contract.ApproveMilestoneReport(midTerm, Noon);
        contract.ApproveMilestoneReport(completion, Noon);
        if (settled || status == ContractStatus.Closed)
        {
            foreach (var installment in contract.Installments)
            {
                contract.RecordPayment(installment, installment.Amount, PaidOn, Today);
            }
        }

        switch (status)
        {
            case ContractStatus.Terminated:
                contract.Terminate("承接机构严重违约");
                return contract;
            case ContractStatus.Signed:
                return contract;
        }

        contract.Start();
        if (status == ContractStatus.Suspended)
        {
            contract.Suspend("汛期道路中断");
        }
        else if (status is ContractStatus.Accepted or ContractStatus.Closed)
        {
            contract.Accept();
            if (status == ContractStatus.Closed)
            {
                contract.Close();
            }
        }

        Assert.Equal(status, contract.Status);
        return contract;
    }

    private static void Take(PurchaseContract contract, ContractAction action)
    {
        switch (action)
        {
            case ContractAction.Sign: contract.Sign(new DateOnly(2026, 1, 5), ActiveAgency(), new FundingSnapshot(Amount, false), Today); break;
            case ContractAction.Start: contract.Start(); break;
            case ContractAction.Suspend: contract.Suspend("汛期道路中断"); break;
            case ContractAction.Resume: contract.Resume(); break;
            case ContractAction.Terminate: contract.Terminate("承接机构严重违约"); break;
            case ContractAction.Accept: contract.Accept(); break;
            case ContractAction.Close: contract.Close(); break;
            case ContractAction.Evaluate: contract.Evaluate(new PerformanceEvaluation(85m, "李评", new DateOnly(2027, 1, 10), null)); break;
            case ContractAction.EditDraft: contract.UpdateDraft(Details(Amount)); break;
            case ContractAction.ApproveMilestoneReport: contract.ApproveMilestoneReport(contract.Milestones[1], Noon); break;
            case ContractAction.RecordPayment: contract.RecordPayment(contract.Installments[0], contract.Installments[0].Amount, PaidOn, Today); break;
            case ContractAction.WaiveInstallment: contract.WaiveInstallment(contract.Installments[2], "服务对象减少，经双方协商核减"); break;
            case ContractAction.AdjustFunding: contract.Require(ContractAction.AdjustFunding); break;
            case ContractAction.ChangeDocuments: contract.Require(ContractAction.ChangeDocuments); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
