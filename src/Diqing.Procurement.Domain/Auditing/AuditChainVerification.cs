namespace Diqing.Procurement.Domain.Auditing;

/// <summary>
/// Checks every row of the audit table, in id order, one at a time, and reports the first that does not fit:
/// a gap in the sequence, a row outside the chain, a broken link, a MAC that does not match, an unknown key; then,
/// once the rows are read, that the head points at the last of them and that the chain still holds the latest
/// checkpoint (so that a deleted tail shows even when the head was moved back with it).
/// </summary>
public sealed class AuditChainVerification(IAuditSeal seal, AuditCheckpoint? checkpoint = null)
{
    private long _expectedId = 1;
    private string _expectedPreviousMac = AuditEntry.GenesisMac;
    private string? _macAtCheckpoint = checkpoint is { Sequence: 0 } ? AuditEntry.GenesisMac : null;

    /// <summary>
    /// Verifies only what follows a checkpoint already trusted (the entries since then must link to its MAC), e.g. before
    /// a new checkpoint is written: a chain that was cut back or rewritten never gets a fresh checkpoint that hides it.
    /// </summary>
    public static AuditChainVerification After(AuditCheckpoint checkpoint, IAuditSeal seal) => new(seal, checkpoint)
    {
        _expectedId = checkpoint.Sequence + 1,
        _expectedPreviousMac = checkpoint.Mac,
        _macAtCheckpoint = checkpoint.Mac,
    };

    public long CheckedCount { get; private set; }

    /// <summary>The id of the last entry that verified.</summary>
    public long LastEntryId => _expectedId - 1;

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
            entry.Id < _expectedId ? AuditChainBreak.OutsideChain
            : entry.Id > _expectedId ? AuditChainBreak.MissingEntry
            : entry.PreviousMac != _expectedPreviousMac ? AuditChainBreak.PreviousMacMismatch
            : entry.IsSealedBy(seal) switch
            {
                null => AuditChainBreak.UnknownKey,
                false => AuditChainBreak.ContentAltered,
                true => null,
            };

        if (problem is not null)
        {
            Fail(problem.Value, problem == AuditChainBreak.MissingEntry ? _expectedId : entry.Id);
            return false;
        }

        if (entry.Id == checkpoint?.Sequence)
        {
            _macAtCheckpoint = entry.Mac;
        }

        CheckedCount++;
        _expectedId = entry.Id + 1;
        _expectedPreviousMac = entry.Mac;
        return true;
    }

    /// <summary>After the last entry up to the head.</summary>
    /// <param name="head">The chain head, read before the entries.</param>
    /// <param name="firstIdAfterHead">The smallest id of a row beyond the head as it stands after the walk: such a row is in
    /// the table but in no chain (an insert that bypassed the app).</param>
    public void Complete(AuditChainHead? head, long? firstIdAfterHead = null)
    {
        if (!IsIntact)
        {
            return;
        }

        if (head is not null && head.LastEntryId > LastEntryId)
        {
            Fail(AuditChainBreak.MissingEntry, LastEntryId + 1);
        }
        else if (head is not null && (head.LastEntryId < LastEntryId || head.LastMac != _expectedPreviousMac))
        {
            Fail(AuditChainBreak.PreviousMacMismatch, head.LastEntryId);
        }
        else if (firstIdAfterHead is { } outside)
        {
            Fail(AuditChainBreak.OutsideChain, outside);
        }
        else if (checkpoint is not null && !checkpoint.IsSignedBy(seal))
        {
            Fail(AuditChainBreak.CheckpointInvalid, checkpoint.Sequence);
        }
        else if (checkpoint is not null && checkpoint.Sequence > LastEntryId)
        {
            Fail(AuditChainBreak.TailDeleted, LastEntryId + 1);
        }
        else if (checkpoint is not null && (_macAtCheckpoint is null || !AuditEntry.MacEquals(_macAtCheckpoint, checkpoint.Mac)))
        {
            Fail(AuditChainBreak.CheckpointMismatch, checkpoint.Sequence);
        }
    }

    private void Fail(AuditChainBreak problem, long entryId)
    {
        Break = problem;
        FirstBrokenEntryId = entryId;
    }
}

/// <summary>What verification found wrong. Stored by name in no table, but shown by name: append only.</summary>
public enum AuditChainBreak
{
    /// <summary>The entry's MAC does not match its content: edited outside the app (with or without recomputed hashes).</summary>
    ContentAltered = 1,

    /// <summary>The entry does not link to the MAC of the one before it, or the head does not point at the last entry.</summary>
    PreviousMacMismatch = 2,

    /// <summary>A gap in the sequence: the entry with this id is missing.</summary>
    MissingEntry = 3,

    /// <summary>A row in the table that belongs to no chain position (an id already used, below 1, or past the head).</summary>
    OutsideChain = 4,

    /// <summary>The chain ends before the latest checkpoint: entries from this id on were deleted with the head moved back.</summary>
    TailDeleted = 5,

    /// <summary>The entry names a key this installation does not know.</summary>
    UnknownKey = 6,

    /// <summary>The latest checkpoint's signature does not match: it was forged or altered.</summary>
    CheckpointInvalid = 7,

    /// <summary>The entry the latest checkpoint names has another MAC now: the chain was rewritten up to there.</summary>
    CheckpointMismatch = 8,
}
