using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Web.Localization;
using System.Globalization;
using System.Resources;

namespace Diqing.Procurement.Web.Tests.Localization;

public class DisplayTests
{
    [Theory]
    [InlineData("1234567.89", "¥1,234,567.89")]
    [InlineData("0", "¥0.00")]
    [InlineData("0.5", "¥0.50")]
    [InlineData("-12.3", "-¥12.30")]
    public void Money_is_shown_with_yuan_sign_and_two_decimals(string amount, string expected) =>
        Assert.Equal(expected, Display.Money(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Fact]
    public void Times_are_shown_in_china_standard_time()
    {
        var utc = new DateTime(2026, 12, 31, 17, 5, 9, DateTimeKind.Utc);
        Assert.Equal("2027-01-01 01:05:09", Display.ChinaDateTime(utc));
    }

    [Fact]
    public void Every_role_and_audit_action_has_a_name_in_both_languages()
    {
        var manager = new ResourceManager(typeof(UiText));
        var keys = Roles.All.Select(r => "Role." + r)
            .Concat(Enum.GetNames<AuditAction>().Select(a => "AuditAction." + a))
            .Concat(Enum.GetNames<AuditChainBreak>().Select(b => "AuditBreak." + b))
            .Concat(Roles.All.Select(r => "Home.Next." + r))
            .Concat(Enum.GetNames<Domain.Agencies.County>().Select(c => "County." + c))
            .Concat(Enum.GetNames<Domain.Agencies.AgencyStatus>().Select(c => "AgencyStatus." + c))
            .Concat(Enum.GetNames<Domain.Funding.FundingKind>().Select(c => "FundingKind." + c))
            .Concat(Enum.GetNames<Domain.Funding.FiscalLevel>().Select(c => "FiscalLevel." + c))
            .Concat(Enum.GetNames<Domain.Common.TargetGroup>().Select(c => "TargetGroup." + c))
            .Concat(Enum.GetNames<Domain.Contracts.ContractStatus>().Select(c => "ContractStatus." + c))
            .Concat(Enum.GetNames<Domain.Contracts.ProcurementMethod>().Select(c => "ProcurementMethod." + c))
            .Concat(Enum.GetNames<Domain.Contracts.ServiceCategory>().Select(c => "ServiceCategory." + c))
            .Concat(Enum.GetNames<Domain.Contracts.InstallmentCondition>().Select(c => "InstallmentCondition." + c))
            .Concat(Enum.GetNames<Domain.Contracts.InstallmentStatus>().Select(c => "InstallmentStatus." + c))
            .Concat(Enum.GetNames<Domain.Contracts.EvaluationGrade>().Select(c => "EvaluationGrade." + c))
            .Concat(Enum.GetNames<Domain.Competitions.CompetitionPhase>().Select(c => "CompetitionPhase." + c))
            .Concat(Enum.GetNames<Domain.Competitions.EntryStatus>().Select(c => "EntryStatus." + c))
            .Concat(Enum.GetNames<Domain.Competitions.AwardDecision>().Select(c => "AwardDecision." + c))
            .Concat(Enum.GetNames<Application.Features.Contracts.ContractSort>().Select(c => "ContractSort." + c))
            .Concat(Enum.GetNames<Domain.Reports.ReportStatus>().Select(c => "ReportStatus." + c))
            .Concat(Enum.GetNames<Domain.Reports.ReviewOutcome>().Select(c => "ReviewOutcome." + c))
            .Concat(Enum.GetNames<Domain.Reports.SpendingCategory>().Select(c => "SpendingCategory." + c))
            .Concat(Enum.GetNames<Domain.Notifications.NotificationKind>().Select(c => "NotificationKind." + c))
            .Concat(Enum.GetNames<Web.Components.Pages.Reports.Components.OverdueGrouping>().Select(c => "OverdueGrouping." + c))
            .Concat(new[] { "Submitted", "Resubmitted", "Approved" }.Select(s => "Reports.ReadOnly." + s))
            .Concat(new[] { "Period", "PeriodFrom", "PeriodTo", "Narrative", "Indicators", "People", "Spending" }.Select(f => "Reports.Field." + f))
            .Concat(Application.Features.Contracts.ContractActions.LifecycleSteps.SelectMany(s => new[] { "Lifecycle." + s, "Lifecycle.Done." + s }))
            .Concat(new[] { ContractAction.Suspend, ContractAction.Terminate, ContractAction.Accept, ContractAction.Close }.Select(s => "Lifecycle.Prompt." + s));
        foreach (var key in keys)
        {
            Assert.False(string.IsNullOrEmpty(manager.GetString(key, CultureInfo.GetCultureInfo("zh-CN"))), key);
            Assert.NotEqual(manager.GetString(key, CultureInfo.GetCultureInfo("zh-CN")), manager.GetString(key, CultureInfo.GetCultureInfo("en-US")));
        }
    }
}
