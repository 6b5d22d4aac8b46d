using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using FluentValidation;

namespace Diqing.Procurement.Application.Common;

/// <summary>R-30 for forms: the domain's own rule (<see cref="NameText"/>), so the form and the entity refuse the same text.</summary>
public static class NameRules
{
    public static IRuleBuilderOptions<T, string> VisibleText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(NameText.IsClean).WithMessage(_ => Messages.Get(NameText.HiddenCharactersCode));
}
