using Diqing.Procurement.Domain.Auditing;

namespace Diqing.Procurement.Domain.Tests.Auditing;

public class AuditChainVerificationTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry(i, Now.AddMinutes(i), "u1", "admin", AuditAction.Updated, "Agency", i.ToString(), $"[{{\"property\":\"Name\",\"old\":\"a{i}\",\"new\":\"b{i}\"}}]", previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    private static AuditChainVerification Verify(IEnumerable<AuditEntry> entries, AuditChainHead? head = null)
    {
        var verification = new AuditChainVerification();
        foreach (var entry in entries)
        {
            if (!verification.Check(entry))
            {
                break;
            }
        }

        verification.Complete(head);
        return verification;
    }

    [Fact]
    public void Intact_chain_verifies()
    {
        var verification = Verify(Chain(5));
        Assert.True(verification.IsIntact);
        Assert.Equal(5, verification.CheckedCount);
    }

    [Fact]
    public void Hash_depends_on_every_field()
    {
        var a = new AuditEntry(1, Now, "u", "n", AuditAction.Created, "T", "1", "{}", AuditEntry.GenesisHash);
        var b = new AuditEntry(1, Now, "u", "n", AuditAction.Created, "T", "1", "{ }", AuditEntry.GenesisHash);
        var c = new AuditEntry(1, Now.AddTicks(10), "u", "n", AuditAction.Created, "T", "1", "{}", AuditEntry.GenesisHash);
        var d = new AuditEntry(1, Now, "u", "n", AuditAction.Deleted, "T", "1", "{}", AuditEntry.GenesisHash);
        Assert.Equal(64, a.Hash.Length);
        Assert.Equal(3, new[] { b.Hash, c.Hash, d.Hash }.Where(h => h != a.Hash).Distinct().Count());
    }

    [Fact]
    public void Altered_content_is_reported_at_that_entry()
    {
        var entries = Chain(5);
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Changes))!.SetValue(entries[2], "[]");

        var verification = Verify(entries);

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.ContentAltered, verification.Break);
    }

    [Fact]
    public void Deleted_entry_in_the_middle_is_reported()
    {
        var entries = Chain(5);
        entries.RemoveAt(1);

        var verification = Verify(entries);

        Assert.Equal(2, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.MissingEntry, verification.Break);
    }

    [Fact]
    public void Entries_removed_from_the_end_are_caught_by_the_head()
    {
        var entries = Chain(5);
        var head = new AuditChainHead();
        foreach (var entry in entries)
        {
            head.MoveTo(entry);
        }

        var verification = Verify(entries.Take(3), head);

        Assert.Equal(4, verification.FirstBrokenEntryId);
    }

    [Fact]
    public void Recomputed_hash_with_wrong_link_is_reported_as_link_mismatch()
    {
        var entries = Chain(3);
        var forged = new AuditEntry(2, Now, "u1", "admin", AuditAction.Updated, "Agency", "2", "[]", AuditEntry.GenesisHash);
        entries[1] = forged;

        var verification = Verify(entries);

        Assert.Equal(2, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.PreviousHashMismatch, verification.Break);
    }

    [Fact]
    public void Head_refuses_an_entry_that_does_not_extend_it()
    {
        var head = new AuditChainHead();
        var second = Chain(2)[1];
        Assert.Throws<InvalidOperationException>(() => head.MoveTo(second));
    }

    [Fact]
    public void Entry_times_must_be_utc()
    {
        Assert.Throws<ArgumentException>(() =>
            new AuditEntry(1, DateTime.SpecifyKind(Now, DateTimeKind.Unspecified), null, null, AuditAction.Created, "T", null, "{}", AuditEntry.GenesisHash));
    }
}
