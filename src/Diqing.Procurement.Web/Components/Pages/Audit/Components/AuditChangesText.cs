using System.Text.Json;

namespace Diqing.Procurement.Web.Components.Pages.Audit.Components;

/// <summary>Turns an entry's Changes JSON into one readable line: "Phone: (空) → 0887-1234567; Status: Active → Suspended".</summary>
public static class AuditChangesText
{
    public static string Summarize(string json, string emptyValue)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => string.Join("; ", root.EnumerateArray().Select(change => Change(change, emptyValue))),
                JsonValueKind.Object => string.Join("; ", root.EnumerateObject().Select(p => $"{p.Name}: {Value(p.Value, emptyValue)}")),
                _ => json,
            };
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Change(JsonElement change, string emptyValue)
    {
        var property = change.TryGetProperty("property", out var p) ? p.GetString() : "?";
        var old = change.TryGetProperty("old", out var o) ? Value(o, emptyValue) : emptyValue;
        var @new = change.TryGetProperty("new", out var n) ? Value(n, emptyValue) : emptyValue;
        return $"{property}: {old} → {@new}";
    }

    private static string Value(JsonElement value, string emptyValue) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => emptyValue,
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : emptyValue,
        _ => value.GetRawText(),
    };
}
