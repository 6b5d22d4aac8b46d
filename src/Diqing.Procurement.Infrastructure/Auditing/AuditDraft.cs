using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Diqing.Procurement.Domain.Auditing;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>Who did something, when the acting user is not the signed-in one (e.g. a failed login).</summary>
public sealed record AuditActor(string? UserId, string? UserName);

/// <summary>One property change as written into an audit entry's <c>Changes</c> JSON.</summary>
public sealed record AuditChange(string Property, object? Old, object? New);

/// <summary>An audit entry waiting for its place in the chain.</summary>
internal sealed class AuditDraft
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private Func<string?>? _resolveKey;
    private Func<IReadOnlyList<AuditChange>>? _resolveChanges;

    public required AuditAction Action { get; init; }

    public required string EntityType { get; init; }

    public string? EntityKey { get; set; }

    public required string Changes { get; set; }

    public AuditActor? Actor { get; init; }

    public static AuditDraft ForEvent(AuditAction action, string subject, string? subjectKey, object? details, AuditActor? actor) => new()
    {
        Action = action,
        EntityType = subject,
        EntityKey = subjectKey,
        Changes = JsonSerializer.Serialize(details ?? new { }, Json),
        Actor = actor,
    };

    /// <param name="resolveChanges">Given when some values are EF's temporary placeholders (generated keys, and foreign keys to
    /// principals added in the same save): the changes are described again once the save has replaced them with the real values.</param>
    public static AuditDraft ForEntity(
        AuditAction action, string entityType, IReadOnlyList<AuditChange> changes, Func<string?> resolveKey, bool keyKnownNow,
        Func<IReadOnlyList<AuditChange>>? resolveChanges = null) => new()
    {
        Action = action,
        EntityType = entityType,
        EntityKey = keyKnownNow ? resolveKey() : null,
        Changes = JsonSerializer.Serialize(changes, Json),
        _resolveKey = keyKnownNow ? null : resolveKey,
        _resolveChanges = resolveChanges,
    };

    /// <summary>Database-generated keys (and the foreign keys that point at them) are known only after the entities' own save.</summary>
    public void Resolve()
    {
        if (_resolveKey is not null)
        {
            EntityKey = _resolveKey();
            _resolveKey = null;
        }

        if (_resolveChanges is not null)
        {
            Changes = JsonSerializer.Serialize(_resolveChanges(), Json);
            _resolveChanges = null;
        }
    }
}
