using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Common;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Diqing.Procurement.Application.Features.Audit;

/// <summary>
/// Audit entries as people read them, in one language: the entity's and each field's localised name, values
/// localised by the property's type (状态：履行中 → 已验收; times in China time; amounts with thousands
/// separators; yes/no; lists), one line per field, the whole text. The one formatter of the contract page's
/// history, the audit page and the audit export; the stored JSON stays the machine-readable form (the
/// export carries it too). Fields of no meaning to a reader (ids, row versions, stamps) are left out.
/// </summary>
public sealed class AuditChangeText
{
    private static readonly HashSet<string> Technical =
        ["Id", "Version", "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail", "NormalizedName", "DedupKey", "StorageKey"];

    private static readonly ConcurrentDictionary<(IModel Model, string Entity, string Property), Type?> PropertyTypes = new();

    private readonly IModel _model;
    private readonly ExportText _text;

    public AuditChangeText(IModel model, ExportText text)
    {
        _model = model;
        _text = text;
    }

    /// <summary>In the UI's current language.</summary>
    public static AuditChangeText ForCurrentCulture(IModel model) => new(model, ExportText.For(CultureInfo.CurrentUICulture.Name));

    public ExportText Text => _text;

    /// <summary>The entity type's name in this language (合同, 付款节点…); the stored name when it has none.</summary>
    public string EntityName(string entityType) => _text.Find("Audit.Entity." + entityType) ?? entityType;

    /// <summary>A field's name: the entity's own word for it, else the common one, else the stored name.</summary>
    public string FieldName(string entityType, string property) => FindFieldName(entityType, property) ?? property;

    /// <summary>The field's localised name, or null when it has none (a backing field <c>_targetGroups</c> is named as <c>TargetGroups</c>).</summary>
    public string? FindFieldName(string entityType, string property)
    {
        var name = property.TrimStart('_');
        name = name.Length == 0 ? property : char.ToUpperInvariant(name[0]) + name[1..];
        return _text.Find($"Audit.Field.{entityType}.{name}") ?? _text.Find("Audit.Field." + name);
    }

    /// <summary>Whether the readable form names this field (every field of the entity's type except the technical ones).</summary>
    public static bool IsShown(string property) => !Technical.Contains(property);

    /// <summary>One line per field: "状态：履行中 → 已验收" for a change, "金额（元）：360,000.00" for a new or removed entity or an event's detail.</summary>
    public IReadOnlyList<string> Lines(string entityType, AuditAction action, string changes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(changes);
        }
        catch (JsonException)
        {
            return [changes];
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => Fields(entityType, action, root),
                JsonValueKind.Object => root.EnumerateObject().Select(p => Line(_text.Find("Audit.Detail." + p.Name) ?? p.Name, Value(p.Value, null))).ToList(),
                _ => [changes],
            };
        }
    }

    /// <summary>The lines as one text, one field a line.</summary>
    public string Describe(string entityType, AuditAction action, string changes) => string.Join("\n", Lines(entityType, action, changes));

    private List<string> Fields(string entityType, AuditAction action, JsonElement changes)
    {
        var lines = changes.EnumerateArray().Select(change => Change(entityType, action, change)).OfType<string>().ToList();

        // A save that only moved the row version (e.g. a concurrency check touching its parent) still says so.
        return lines.Count == 0 && changes.GetArrayLength() > 0 ? [_text.Find("Audit.OnlyTechnical") ?? changes.GetRawText()] : lines;
    }

    private string? Change(string entityType, AuditAction action, JsonElement change)
    {
        var property = change.TryGetProperty("property", out var p) ? p.GetString() ?? "?" : "?";
        if (!IsShown(property))
        {
            return null;
        }

        var type = PropertyType(entityType, property);
        var field = FieldName(entityType, property);
        var old = change.TryGetProperty("old", out var o) ? Value(o, type) : Empty;
        var @new = change.TryGetProperty("new", out var n) ? Value(n, type) : Empty;
        return action switch
        {
            AuditAction.Created => Line(field, @new),
            AuditAction.Deleted => Line(field, old),
            _ => _text.Find("Audit.Line.Changed") is { } format ? string.Format(_text.Culture, format, field, old, @new) : $"{field}: {old} → {@new}",
        };
    }

    private string Line(string field, string value) =>
        _text.Find("Audit.Line.Value") is { } format ? string.Format(_text.Culture, format, field, value) : $"{field}: {value}";

    private string Empty => _text.Find("Audit.Empty") ?? "-";

    private Type? PropertyType(string entityType, string property) =>
        PropertyTypes.GetOrAdd((_model, entityType, property), key =>
        {
            var type = key.Model.GetEntityTypes().FirstOrDefault(t => t.ShortName() == key.Entity)?.FindProperty(key.Property)?.ClrType;
            return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        });

    /// <summary>A stored value as a reader reads it; the property's type (when known) says what it is.</summary>
    private string Value(JsonElement value, Type? type)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Empty;
            case JsonValueKind.True or JsonValueKind.False:
                return _text.Find(value.GetBoolean() ? "Audit.Yes" : "Audit.No") ?? value.GetRawText();
            case JsonValueKind.Array:
                var element = type is { IsGenericType: true } ? type.GetGenericArguments()[0] : type?.GetElementType();
                var items = value.EnumerateArray().Select(item => Value(item, element)).ToList();
                return items.Count == 0 ? Empty : string.Join(_text.IsEnglish ? ", " : "、", items);
            case JsonValueKind.Object:
                return value.GetRawText(); // a value object (report content, budget lines): its stored form, whole
            case JsonValueKind.Number:
                return type == typeof(decimal) || (type is null && value.GetRawText().Contains('.', StringComparison.Ordinal))
                    ? value.GetDecimal().ToString("#,##0.00", CultureInfo.InvariantCulture)
                    : value.GetRawText();
        }

        var text = value.GetString() ?? string.Empty;
        if (text.Length == 0)
        {
            return Empty;
        }

        if (type is { IsEnum: true })
        {
            return _text.Find($"Ledger.Enum.{type.Name}.{text}") ?? text;
        }

        // Instants are stored in UTC: shown in China time (type unknown for an event's details: recognised by form).
        var isInstant = type == typeof(DateTime) || type == typeof(DateTimeOffset) || (type is null && text.Length > 19 && text[10] == 'T' && text.EndsWith('Z'));
        if (isInstant && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return text;
    }
}
