namespace Diqing.Procurement.Domain.Agencies;

/// <summary>What is wrong with a unified social credit code (统一社会信用代码).</summary>
public enum UsccProblem
{
    Empty = 1,
    WrongLength = 2,
    IllegalCharacter = 3,
    DivisionCodeNotDigits = 4,
    WrongCheckCharacter = 5,
}

/// <summary>GB 32100-2015 validation of the 18-character unified social credit code .</summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>The 31 characters of the code's alphabet; a character's value is its index (no I, O, S, V, Z).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    /// <returns>null when the code is valid; otherwise the first problem found, and where.</returns>
    public static (UsccProblem Problem, int Position)? Validate(string? code)
    {
        var value = Normalize(code);
        if (value.Length == 0)
        {
            return (UsccProblem.Empty, 0);
        }

        if (value.Length != Length)
        {
            return (UsccProblem.WrongLength, value.Length);
        }

        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(value[i], StringComparison.Ordinal) < 0)
            {
                return (UsccProblem.IllegalCharacter, i + 1);
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return (UsccProblem.DivisionCodeNotDigits, i + 1);
            }
        }

        return value[17] == CheckCharacter(value.AsSpan(0, 17)) ? null : (UsccProblem.WrongCheckCharacter, 18);
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>The check character for the first 17 characters (which must be in the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException("Illegal character.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}
