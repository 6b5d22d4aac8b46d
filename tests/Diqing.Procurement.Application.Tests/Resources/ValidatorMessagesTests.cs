using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Diqing.Procurement.Application.Features.Users;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Resources;

/// <summary>
/// Every message a validator of the Application assembly can show is a written, localised sentence: each validator,
/// found by reflection, is fed blank, null and bad instances of its request (built by reflection too, plus a few
/// hand-made ones for conditional rules), in zh-CN and en-US; no message may be a FluentValidation default, name a
/// property, show a resource key or a placeholder, or (in English) fall back to Chinese.
/// </summary>
public sealed partial class ValidatorMessagesTests : IAsyncLifetime
{
    private static readonly string[] Cultures = ["zh-CN", "en-US"];

    /// <summary>FluentValidation's own message templates (their keys in its LanguageManager).</summary>
    private static readonly string[] DefaultMessageKeys =
    [
        "EmailValidator", "GreaterThanOrEqualValidator", "GreaterThanValidator", "LengthValidator", "MinimumLengthValidator",
        "MaximumLengthValidator", "LessThanOrEqualValidator", "LessThanValidator", "NotEmptyValidator", "NotEqualValidator",
        "NotNullValidator", "PredicateValidator", "AsyncPredicateValidator", "RegularExpressionValidator", "EqualValidator",
        "ExactLengthValidator", "InclusiveBetweenValidator", "ExclusiveBetweenValidator", "CreditCardValidator",
        "ScalePrecisionValidator", "EmptyValidator", "NullValidator", "EnumValidator", "Length_Simple",
        "MinimumLength_Simple", "MaximumLength_Simple", "ExactLength_Simple", "InclusiveBetween_Unclusive",
    ];

    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static IEnumerable<Type> Validators() =>
        typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && RequestOf(t) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void Every_validator_of_the_application_is_found()
    {
        var names = Validators().Select(v => v.Name).ToList();
        Assert.Contains("SaveContractDraftValidator", names);
        Assert.Contains("SubmitReportValidator", names);
        Assert.Contains("CreateUserValidator", names);
        Assert.True(names.Count >= 9, string.Join(", ", names));
    }

    [Fact]
    public async Task Every_validation_message_is_a_localised_sentence()
    {
        var problems = new List<string>();
        await using var scope = _app.Scope();
        foreach (var validatorType in Validators())
        {
            var validator = (IValidator)ActivatorUtilities.CreateInstance(scope.ServiceProvider, validatorType);
            var requestType = RequestOf(validatorType)!;
            var propertyNames = PropertyNames(requestType, 0).ToHashSet(StringComparer.Ordinal);
            var failed = false;
            foreach (var (sample, instance) in Samples(requestType))
            {
                foreach (var culture in Cultures)
                {
                    using var _ = new CultureScope(culture);
                    var context = new ValidationContext<object>(instance);
                    var result = await validator.ValidateAsync(context);
                    failed |= !result.IsValid;
                    foreach (var message in result.Errors.Select(e => e.ErrorMessage).Distinct())
                    {
                        if (ProblemOf(message, culture, propertyNames) is { } problem)
                        {
                            problems.Add($"{validatorType.Name} ({sample}, {culture}): {problem}: \"{message}\"");
                        }
                    }
                }
            }

            if (!failed)
            {
                problems.Add($"{validatorType.Name}: no sample made it fail, so its messages were never seen.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    [Fact]
    public void The_check_recognises_what_users_must_not_see()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "Target", "PeriodFrom" };
        using (new CultureScope("zh-CN"))
        {
            Assert.NotNull(ProblemOf("'Target' 不能为Null。", "zh-CN", names));
            Assert.NotNull(ProblemOf("Contract.TitleRequired", "zh-CN", names));
            Assert.NotNull(ProblemOf("请填写PeriodFrom。", "zh-CN", names));
            Assert.NotNull(ProblemOf("请填写项目名称", "zh-CN", names));
            Assert.Null(ProblemOf("请填写项目名称。", "zh-CN", names));
        }

        using (new CultureScope("en-US"))
        {
            Assert.NotNull(ProblemOf("'Target' must not be empty.", "en-US", names));
            Assert.NotNull(ProblemOf("请填写项目名称。", "en-US", names));
            Assert.NotNull(ProblemOf("Enter at least {0} characters.", "en-US", names));
            Assert.Null(ProblemOf("Enter the project's title.", "en-US", names));
        }
    }

    private static string? ProblemOf(string message, string culture, IReadOnlySet<string> propertyNames)
    {
        if (Templates[culture].Any(t => t.IsMatch(message)))
        {
            return "FluentValidation's default text";
        }

        if (QuotedName().IsMatch(message))
        {
            return "a quoted property name";
        }

        if (ResourceKey().IsMatch(message))
        {
            return "a resource key instead of its text";
        }

        if (message.Contains('{', StringComparison.Ordinal) || message.Contains('}', StringComparison.Ordinal))
        {
            return "an unfilled placeholder";
        }

        if (Words().Matches(message).Select(m => m.Value).FirstOrDefault(w => propertyNames.Contains(w) && (culture != "en-US" || InnerCapital().IsMatch(w))) is { } name)
        {
            return $"the property name {name}";
        }

        var chinese = Chinese().IsMatch(message);
        if (culture == "en-US" && chinese)
        {
            return "Chinese in the English text (a missing translation?)";
        }

        if (culture == "zh-CN" && !chinese)
        {
            return "no Chinese in the Chinese text";
        }

        var end = message.TrimEnd()[^1];
        return (culture == "zh-CN" ? "。？！" : ".?!").Contains(end, StringComparison.Ordinal) ? null : "not a sentence (no closing punctuation)";
    }

    private static readonly Dictionary<string, Regex[]> Templates = Cultures.ToDictionary(c => c, c => DefaultTemplates(c).ToArray());

    private static IEnumerable<Regex> DefaultTemplates(string culture) =>
        DefaultMessageKeys
            .Select(k => ValidatorOptions.Global.LanguageManager.GetString(k, CultureInfo.GetCultureInfo(culture)))
            .Where(t => !string.IsNullOrEmpty(t))
            .Select(t => new Regex("^" + Placeholder().Replace(Regex.Escape(t).Replace(@"\{", "{", StringComparison.Ordinal), ".*") + "$", RegexOptions.Singleline));

    private static Type? RequestOf(Type validatorType) =>
        validatorType.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            ?.GetGenericArguments()[0];

    private static IEnumerable<string> PropertyNames(Type type, int depth)
    {
        if (depth > 3 || type.IsPrimitive || type == typeof(string) || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && ElementOf(type) is null)
        {
            yield break;
        }

        if (ElementOf(type) is { } element)
        {
            foreach (var name in PropertyNames(element, depth + 1))
            {
                yield return name;
            }

            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            yield return property.Name;
            foreach (var name in PropertyNames(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, depth + 1))
            {
                yield return name;
            }
        }
    }

    // Samples ---------------------------------------------------------------------------------------------------------

    private enum Fill
    {
        /// <summary>Strings empty, nullable values null, each list one such blank item: a form nobody filled in.</summary>
        Blank,

        /// <summary>Every nullable reference null as well, lists empty.</summary>
        Null,

        /// <summary>Strings blank (spaces).</summary>
        Spaces,

        /// <summary>Values out of every range: too long text with hidden characters, negatives, three decimals, extreme dates, one bad item per list.</summary>
        Bad,
    }

    private static IEnumerable<(string Name, object Instance)> Samples(Type requestType)
    {
        foreach (var fill in Enum.GetValues<Fill>())
        {
            yield return (fill.ToString(), Build(requestType, fill, 0)!);
        }

        // Every value of each enum property, on the bad sample: rules that apply only to one kind (a fiscal fund's level).
        foreach (var property in requestType.GetProperties().Where(p => p.CanWrite && EnumOf(p.PropertyType) is not null))
        {
            foreach (var value in Enum.GetValues(EnumOf(property.PropertyType)!))
            {
                var instance = Build(requestType, Fill.Bad, 0)!;
                property.SetValue(instance, value);
                yield return ($"Bad, {property.Name} = {value}", instance);
            }
        }

        foreach (var sample in HandMade(requestType))
        {
            yield return sample;
        }
    }

    /// <summary>Conditions reflection cannot guess (a role given as text).</summary>
    private static IEnumerable<(string Name, object Instance)> HandMade(Type requestType)
    {
        if (requestType == typeof(CreateUserCommand))
        {
            yield return ("agency user without agency", new CreateUserCommand { UserName = "ab", Role = Roles.AgencyUser, AgencyId = null, Password = "short" });
            yield return ("judge with an agency", new CreateUserCommand { UserName = "a b", Role = Roles.Judge, AgencyId = 1, Password = "longenoughbutweak" });
        }
    }

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;

    private static Type? ElementOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static readonly NullabilityInfoContext Nullability = new();

    private static object? Build(Type type, Fill fill, int depth, bool nullable = false)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return fill == Fill.Bad ? Build(underlying, fill, depth) : null;
        }

        if (type == typeof(string))
        {
            return fill switch
            {
                Fill.Null when nullable => null,
                Fill.Spaces => "   ",
                Fill.Bad => "\u202E" + new string('x', 9000),
                _ => string.Empty,
            };
        }

        if (type.IsEnum)
        {
            return fill == Fill.Bad ? Enum.ToObject(type, 999) : Enum.GetValues(type).GetValue(0);
        }

        if (fill == Fill.Bad)
        {
            switch (Type.GetTypeCode(type))
            {
                case TypeCode.Int32: return -1;
                case TypeCode.Int64: return -1L;
                case TypeCode.Decimal: return -0.555m;
                case TypeCode.Double: return -1d;
                case TypeCode.Boolean: return true;
            }

            if (type == typeof(DateOnly))
            {
                return new DateOnly(1900, 1, 1);
            }

            if (type == typeof(DateTime))
            {
                return new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            }
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (ElementOf(type) is { } element)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            if (fill != Fill.Null && depth < 3)
            {
                list.Add(Build(element, fill, depth + 1));
            }

            if (!type.IsArray)
            {
                return list;
            }

            var array = Array.CreateInstance(element, list.Count);
            list.CopyTo(array, 0);
            return array;
        }

        if (typeof(IDictionary).IsAssignableFrom(type) || depth > 3 || type.IsInterface || type.IsAbstract)
        {
            return null;
        }

        if (type.GetConstructor(Type.EmptyTypes) is { } parameterless)
        {
            var instance = parameterless.Invoke(null);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
            {
                property.SetValue(instance, Build(property.PropertyType, fill, depth + 1, Nullability.Create(property).WriteState == NullabilityState.Nullable));
            }

            return instance;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters()
            .Select(p => Build(p.ParameterType, fill, depth + 1, Nullability.Create(p).WriteState == NullabilityState.Nullable))
            .ToArray());
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<![A-Za-z])'[^']+'|‘[^’]*’")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z0-9]+\b")]
    private static partial Regex ResourceKey();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"^[A-Z][a-z]+[A-Z]")]
    private static partial Regex InnerCapital();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
