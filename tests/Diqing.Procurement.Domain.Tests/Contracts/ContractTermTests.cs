using Diqing.Procurement.Domain.Contracts;
using static Diqing.Procurement.Domain.Tests.Contracts.ContractTestData;

namespace Diqing.Procurement.Domain.Tests.Contracts;

/// <summary>R-09, with inclusive China dates: 2026-01-01 to 2026-12-31 is exactly one year.</summary>
public class ContractTermTests
{
    [Fact]
    public void Exactly_one_year_needs_no_justification() =>
        ContractTerm.Validate(Start, new DateOnly(2026, 12, 31), null);

    [Fact]
    public void One_year_and_one_day_needs_a_justification()
    {
        Assert.Equal("Contract.TermNeedsJustification", Code(() => ContractTerm.Validate(Start, new DateOnly(2027, 1, 1), null)));
        ContractTerm.Validate(Start, new DateOnly(2027, 1, 1), "服务需长期稳定开展，预算已纳入三年规划");
    }

    [Fact]
    public void Exactly_three_years_is_allowed_with_a_justification()
    {
        Assert.Equal("Contract.TermNeedsJustification", Code(() => ContractTerm.Validate(Start, new DateOnly(2028, 12, 31), " ")));
        ContractTerm.Validate(Start, new DateOnly(2028, 12, 31), "服务需长期稳定开展");
    }

    [Fact]
    public void Three_years_and_one_day_is_refused_whatever_the_justification() =>
        Assert.Equal("Contract.TermOverThreeYears", Code(() => ContractTerm.Validate(Start, new DateOnly(2029, 1, 1), "任何理由")));

    [Fact]
    public void An_end_before_the_start_is_refused() =>
        Assert.Equal("Contract.EndBeforeStart", Code(() => ContractTerm.Validate(Start, new DateOnly(2025, 12, 31), null)));

    [Fact]
    public void A_draft_cannot_be_written_with_a_term_over_three_years() =>
        Assert.Equal("Contract.TermOverThreeYears", Code(() => Draft().UpdateDraft(Details(end: new DateOnly(2029, 1, 1), justification: "x"))));
}
