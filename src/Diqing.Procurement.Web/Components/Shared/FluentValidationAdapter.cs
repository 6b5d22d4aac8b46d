using FluentValidation;

namespace Diqing.Procurement.Web.Components.Shared;

/// <summary>
/// Lets a MudForm use the same FluentValidation validator as the server-side handler
/// (MudForm's Validation parameter, field by field) — one copy of each rule.
/// </summary>
public static class FluentValidationAdapter
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator) =>
        async (model, propertyName) =>
        {
            var context = FluentValidation.ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName));
            var result = await validator.ValidateAsync(context);
            return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
        };
}
