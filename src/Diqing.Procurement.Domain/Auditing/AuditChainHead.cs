namespace Diqing.Procurement.Domain.Auditing;

/// <summary>
/// The single row that points at the newest audit entry. Appending moves it forward; its
/// <see cref="Version"/> is a concurrency token so two writers can never fork the chain.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public long LastEntryId { get; private set; }

    public string LastMac { get; private set; } = AuditEntry.GenesisMac;

    public long Version { get; private set; }

    public void MoveTo(AuditEntry entry)
    {
        if (entry.Id != LastEntryId + 1 || entry.PreviousMac != LastMac)
        {
            throw new InvalidOperationException("An audit entry must extend the chain head.");
        }

        LastEntryId = entry.Id;
        LastMac = entry.Mac;
        Version++;
    }
}
