namespace Diqing.Procurement.Domain.Auditing;

/// <summary>What an audit entry records. Stored by name: append only, never rename.</summary>
public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
    LoginSucceeded = 10,
    LoginFailed = 11,
    LockedOut = 12,
    Logout = 13,
    Exported = 20,
    ChainVerified = 21,
    ChainMigrated = 22,
}
