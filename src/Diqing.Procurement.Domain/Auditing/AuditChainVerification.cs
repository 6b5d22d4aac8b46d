namespace Diqing.Procurement.Domain.Auditing;

/// <summary>Checks audit entries, in chain order, one at a time; reports the first that does not fit.</summary>
public sealed class AuditChainVerification
{
    private long _expectedId = 1;
    private string _expectedPreviousHash = AuditEntry.GenesisHash;

    public long CheckedCount { get; private set; }

    public long? FirstBrokenEntryId { get; private set; }

    public AuditChainBreak? Break { get; private set; }

    public bool IsIntact => FirstBrokenEntryId is null;

    /// <returns>false once the chain is found broken (stop feeding entries).</returns>
    public bool Check(AuditEntry entry)
    {
        if (!IsIntact)
        {
            return false;
        }

        AuditChainBreak? problem =
            entry.Id != _expectedId ? AuditChainBreak.MissingEntry
            : entry.PreviousHash != _expectedPreviousHash ? AuditChainBreak.PreviousHashMismatch
            : entry.ComputeHash() != entry.Hash ? AuditChainBreak.ContentAltered
            : null;

        if (problem is not null)
        {
            FirstBrokenEntryId = problem == AuditChainBreak.MissingEntry ? _expectedId : entry.Id;
            Break = problem;
            return false;
        }

        CheckedCount++;
        _expectedId = entry.Id + 1;
        _expectedPreviousHash = entry.Hash;
        return true;
    }

    /// <summary>After the last entry: the head must point at it, or entries were removed from the end.</summary>
    public void Complete(AuditChainHead? head)
    {
        if (!IsIntact || head is null)
        {
            return;
        }

        if (head.LastEntryId != _expectedId - 1 || head.LastHash != _expectedPreviousHash)
        {
            FirstBrokenEntryId = _expectedId;
            Break = AuditChainBreak.MissingEntry;
        }
    }
}

public enum AuditChainBreak
{
    ContentAltered = 1,
    PreviousHashMismatch = 2,
    MissingEntry = 3,
}
