using Diqing.Procurement.Domain.Agencies;

namespace Diqing.Procurement.Domain.Tests.Agencies;

public class UnifiedSocialCreditCodeTests
{
    // Real-format codes whose check characters were computed by hand with the GB 32100-2015 weights.
    [Theory]
    [InlineData("52533422MJD000001F")]
    [InlineData("52533401MJD0000025")]
    [InlineData("52533400MJD000003R")]
    [InlineData("91350100M000100Y43")]
    public void Valid_codes_are_accepted(string code) => Assert.Null(UnifiedSocialCreditCode.Validate(code));

    [Fact]
    public void Lower_case_input_is_normalised() => Assert.True(UnifiedSocialCreditCode.IsValid("52533400mjd000003r"));

    [Fact]
    public void Every_single_character_change_is_rejected()
    {
        const string valid = "52533422MJD000001F";
        foreach (var position in Enumerable.Range(0, valid.Length))
        {
            foreach (var replacement in UnifiedSocialCreditCode.Alphabet.Where(c => c != valid[position]))
            {
                var changed = valid[..position] + replacement + valid[(position + 1)..];
                Assert.False(UnifiedSocialCreditCode.IsValid(changed), $"{changed} should be rejected");
            }
        }
    }

    [Theory]
    [InlineData("", UsccProblem.Empty)]
    [InlineData("52533422MJD00001F", UsccProblem.WrongLength)]
    [InlineData("52533422MJD000001FF", UsccProblem.WrongLength)]
    [InlineData("52533422MJO000001F", UsccProblem.IllegalCharacter)]
    [InlineData("525334A2MJD000001F", UsccProblem.DivisionCodeNotDigits)]
    [InlineData("52533422MJD0000010", UsccProblem.WrongCheckCharacter)]
    public void Problems_are_named_precisely(string code, UsccProblem expected) =>
        Assert.Equal(expected, UnifiedSocialCreditCode.Validate(code)?.Problem);
}
