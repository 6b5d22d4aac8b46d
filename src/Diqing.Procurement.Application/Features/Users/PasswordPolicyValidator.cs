using Diqing.Procurement.Application.Resources;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Identity;

namespace Diqing.Procurement.Application.Features.Users;

/// <summary>
/// The Identity password policy (configured once, in ConfigureIdentity) expressed as a
/// FluentValidation rule so forms can show it field by field before the server refuses it.
/// </summary>
public sealed class PasswordPolicyValidator<T>(PasswordOptions policy) : PropertyValidator<T, string>
{
    public override string Name => "PasswordPolicy";

    public override bool IsValid(ValidationContext<T> context, string value)
    {
        value ??= string.Empty;
        var problems = new List<string>();
        if (value.Length < policy.RequiredLength)
        {
            problems.Add(Messages.Get("Password.TooShort", policy.RequiredLength));
        }

        if (policy.RequireUppercase && !value.Any(char.IsAsciiLetterUpper))
        {
            problems.Add(Messages.Get("Password.NeedsUpper"));
        }

        if (policy.RequireLowercase && !value.Any(char.IsAsciiLetterLower))
        {
            problems.Add(Messages.Get("Password.NeedsLower"));
        }

        if (policy.RequireDigit && !value.Any(char.IsAsciiDigit))
        {
            problems.Add(Messages.Get("Password.NeedsDigit"));
        }

        if (problems.Count == 0)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument("Problems", Messages.Get("Password.Needs", string.Join(Messages.Get("Password.Separator"), problems)));
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{Problems}";
}
