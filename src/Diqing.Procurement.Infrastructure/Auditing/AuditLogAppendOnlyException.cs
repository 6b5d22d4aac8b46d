namespace Diqing.Procurement.Infrastructure.Auditing;

public sealed class AuditLogAppendOnlyException()
    : InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
