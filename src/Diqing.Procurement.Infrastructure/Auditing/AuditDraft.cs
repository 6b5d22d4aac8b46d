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

    public required AuditAction Action { get; init; }

    public required string EntityType { get; init; }

    public string? EntityKey { get; set; }

    public required string Changes { get; init; }

    public AuditActor? Actor { get; init; }

    public static AuditDraft ForEvent(AuditAction action, string subject, string? subjectKey, object? details, AuditActor? actor) => new()
    {
        Action = action,
        EntityType = subject,
        EntityKey = subjectKey,
        Changes = JsonSerializer.Serialize(details ?? new { }, Json),
        Actor = actor,
    };

    public static AuditDraft ForEntity(AuditAction action, string entityType, IReadOnlyList<AuditChange> changes, Func<string?> resolveKey, bool keyKnownNow) => new()
    {
        Action = action,
        EntityType = entityType,
        EntityKey = keyKnownNow ? resolveKey() : null,
        Changes = JsonSerializer.Serialize(changes, Json),
        _resolveKey = keyKnownNow ? null : resolveKey,
    };

    /// <summary>Database-generated keys are known only after the entity's own save.</summary>
    public void ResolveKey()
    {
        if (_resolveKey is not null)
        {
            EntityKey = _resolveKey();
            _resolveKey = null;
        }
    }
}
