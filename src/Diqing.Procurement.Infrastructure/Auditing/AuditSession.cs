using Microsoft.EntityFrameworkCore.Storage;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>State of one audited <c>SaveChanges</c>, from "saving" to "saved" or "failed".</summary>
internal sealed class AuditSession(List<AuditDraft> drafts)
{
    public List<AuditDraft> Drafts { get; } = drafts;

    public IDbContextTransaction? OwnedTransaction { get; set; }

    public bool HoldsGate { get; set; }

    /// <summary>True while the interceptor saves the audit entries themselves.</summary>
    public bool Appending { get; set; }
}
