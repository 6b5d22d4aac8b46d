using System.Security.Cryptography;
using Diqing.Procurement.Domain.Auditing;

namespace Diqing.Procurement.Domain.Tests.Auditing;

public class AuditChainVerificationTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);
    private static readonly TestSeal Seal = new("k1", RandomNumberGenerator.GetBytes(32));

    private static List<AuditEntry> Chain(int count, IAuditSeal? seal = null)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisMac;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry(i, Now.AddMinutes(i), "u1", "admin", AuditAction.Updated, "Agency", i.ToString(), $"[{{\"property\":\"Name\",\"old\":\"a{i}\",\"new\":\"b{i}\"}}]", previous, seal ?? Seal);
            entries.Add(entry);
            previous = entry.Mac;
        }

        return entries;
    }

    private static AuditChainHead HeadOf(IEnumerable<AuditEntry> entries)
    {
        var head = new AuditChainHead();
        foreach (var entry in entries)
        {
            head.MoveTo(entry);
        }

        return head;
    }

    private static AuditChainVerification Verify(IEnumerable<AuditEntry> entries, AuditChainHead? head = null, AuditCheckpoint? checkpoint = null, IAuditSeal? seal = null)
    {
        var verification = new AuditChainVerification(seal ?? Seal, checkpoint);
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
    public void Mac_depends_on_every_field_and_on_the_key()
    {
        var a = new AuditEntry(1, Now, "u", "n", AuditAction.Created, "T", "1", "{}", AuditEntry.GenesisMac, Seal);
        var b = new AuditEntry(1, Now, "u", "n", AuditAction.Created, "T", "1", "{ }", AuditEntry.GenesisMac, Seal);
        var c = new AuditEntry(1, Now.AddTicks(10), "u", "n", AuditAction.Created, "T", "1", "{}", AuditEntry.GenesisMac, Seal);
        var d = new AuditEntry(1, Now, "u", "n", AuditAction.Deleted, "T", "1", "{}", AuditEntry.GenesisMac, Seal);
        var e = new AuditEntry(1, Now, "u", "n", AuditAction.Created, "T", "1", "{}", AuditEntry.GenesisMac, new TestSeal("k1", RandomNumberGenerator.GetBytes(32)));
        Assert.Equal(64, a.Mac.Length);
        Assert.Equal("k1", a.KeyId);
        Assert.Equal(4, new[] { b.Mac, c.Mac, d.Mac, e.Mac }.Where(h => h != a.Mac).Distinct().Count());
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
    public void A_chain_rebuilt_without_the_key_is_reported_at_its_first_entry()
    {
        // The outside tester's attack: rewrite entry 3 and recompute every later MAC, with a key of one's own.
        var forger = new TestSeal("k1", RandomNumberGenerator.GetBytes(32));
        var entries = Chain(2).Concat(Chain(5, forger).Skip(2)).ToList();
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.PreviousMac))!.SetValue(entries[2], entries[1].Mac);

        var verification = Verify(entries, HeadOf(Chain(5)));

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

        var verification = Verify(entries.Take(3), HeadOf(entries));

        Assert.Equal(4, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.MissingEntry, verification.Break);
    }

    [Fact]
    public void A_tail_deleted_with_the_head_moved_back_is_caught_by_the_latest_checkpoint()
    {
        var entries = Chain(5);
        var checkpoint = AuditCheckpoint.Create(5, entries[4].Mac, Now, Seal);
        var kept = entries.Take(3).ToList();

        var verification = Verify(kept, HeadOf(kept), checkpoint);

        Assert.Equal(4, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.TailDeleted, verification.Break);
    }

    [Fact]
    public void The_chain_must_still_hold_the_checkpointed_entry_unchanged()
    {
        var entries = Chain(5);
        var checkpoint = AuditCheckpoint.Create(3, entries[2].Mac, Now, Seal);
        Assert.True(Verify(entries, HeadOf(entries), checkpoint).IsIntact);

        var other = new AuditCheckpoint(3, new string('a', 64), Now, "k1", string.Empty);
        var forged = other with { Signature = Seal.Compute("k1", [])! };
        Assert.Equal(AuditChainBreak.CheckpointInvalid, Verify(entries, HeadOf(entries), forged).Break);

        var stale = AuditCheckpoint.Create(3, new string('a', 64), Now, Seal);
        var verification = Verify(entries, HeadOf(entries), stale);
        Assert.Equal(AuditChainBreak.CheckpointMismatch, verification.Break);
        Assert.Equal(3, verification.FirstBrokenEntryId);
    }

    [Fact]
    public void A_row_below_the_first_position_is_outside_the_chain()
    {
        var stray = new AuditEntry(1, Now, "x", "x", AuditAction.Created, "T", null, "{}", AuditEntry.GenesisMac, Seal);
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Id))!.SetValue(stray, 0L);
        var entries = Chain(3).Prepend(stray).ToList();

        var verification = Verify(entries);

        Assert.Equal(0, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.OutsideChain, verification.Break);
    }

    [Fact]
    public void A_row_past_the_head_is_outside_the_chain()
    {
        var entries = Chain(3);
        var verification = new AuditChainVerification(Seal);
        Assert.All(entries, e => Assert.True(verification.Check(e)));

        verification.Complete(HeadOf(entries), firstIdAfterHead: 4);

        Assert.Equal(4, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.OutsideChain, verification.Break);
    }

    [Fact]
    public void Rotated_keys_verify_old_and_new_entries_and_an_unknown_key_is_named()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var before = new TestSeal("k1", oldKey);
        var after = new TestSeal("k2", RandomNumberGenerator.GetBytes(32), ("k1", oldKey));
        var first = new AuditEntry(1, Now, "u", "n", AuditAction.Created, "T", "1", "{}", AuditEntry.GenesisMac, before);
        var second = new AuditEntry(2, Now, "u", "n", AuditAction.Created, "T", "2", "{}", first.Mac, after);

        Assert.True(Verify([first, second], seal: after).IsIntact);
        var unknown = Verify([first, second], seal: new TestSeal("k2", RandomNumberGenerator.GetBytes(32)));
        Assert.Equal(AuditChainBreak.UnknownKey, unknown.Break);
        Assert.Equal(1, unknown.FirstBrokenEntryId);
    }

    [Fact]
    public void Recomputed_mac_with_wrong_link_is_reported_as_link_mismatch()
    {
        var entries = Chain(3);
        var forged = new AuditEntry(2, Now, "u1", "admin", AuditAction.Updated, "Agency", "2", "[]", AuditEntry.GenesisMac, Seal);
        entries[1] = forged;

        var verification = Verify(entries);

        Assert.Equal(2, verification.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.PreviousMacMismatch, verification.Break);
    }

    [Fact]
    public void Verification_after_a_checkpoint_needs_the_next_entries_to_link_to_it()
    {
        var entries = Chain(5);
        var checkpoint = AuditCheckpoint.Create(3, entries[2].Mac, Now, Seal);
        var extends = AuditChainVerification.After(checkpoint, Seal);
        Assert.All(entries.Skip(3), e => Assert.True(extends.Check(e)));
        extends.Complete(HeadOf(entries));
        Assert.True(extends.IsIntact);

        var cutBack = AuditChainVerification.After(checkpoint, Seal);
        cutBack.Complete(HeadOf(entries.Take(2)));
        Assert.False(cutBack.IsIntact);
    }

    [Fact]
    public void Long_user_names_are_capped_before_they_are_stored()
    {
        var entry = new AuditEntry(1, Now, null, new string('x', 100_000), AuditAction.LoginFailed, "Account", new string('k', 500), "{}", AuditEntry.GenesisMac, Seal);
        Assert.Equal(AuditEntry.MaxUserNameLength, entry.UserName!.Length);
        Assert.Equal(AuditEntry.MaxEntityKeyLength, entry.EntityKey!.Length);
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
            new AuditEntry(1, DateTime.SpecifyKind(Now, DateTimeKind.Unspecified), null, null, AuditAction.Created, "T", null, "{}", AuditEntry.GenesisMac, Seal));
    }

    /// <summary>The domain needs any keyed MAC; HMAC-SM3 itself is tested with the infrastructure.</summary>
    private sealed class TestSeal(string currentKeyId, byte[] currentKey, params (string Id, byte[] Key)[] older) : IAuditSeal
    {
        private readonly Dictionary<string, byte[]> _keys = older.Append((Id: currentKeyId, Key: currentKey)).ToDictionary(k => k.Id, k => k.Key);

        public string CurrentKeyId => currentKeyId;

        public string? Compute(string keyId, ReadOnlySpan<byte> content) =>
            _keys.TryGetValue(keyId, out var key) ? Convert.ToHexStringLower(HMACSHA256.HashData(key, content)) : null;
    }
}
