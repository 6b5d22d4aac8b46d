using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>
/// Writes one MAC-chained audit entry per changed entity (and per queued event) on every
/// SaveChanges. The entity changes and their audit entries commit in one transaction:
/// the entities are saved first (so database-generated keys are known), then the entries.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser currentUser, TimeProvider clock, AuditChainGate gate, IAuditSeal seal) : SaveChangesInterceptor
{
    private static readonly HashSet<string> HiddenValues = ["PasswordHash", "SecurityStamp"];
    private static readonly HashSet<string> Ignored = ["ConcurrencyStamp"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not ProcurementDbContext db || db.ActiveAuditSession is { Appending: true })
        {
            return result;
        }

        if (db.ActiveAuditSession is { } failed)
        {
            await EndSessionAsync(db, failed, commit: false); // left by a concurrency conflict on this context
        }

        RefuseAuditLogEdits(db);
        var drafts = CaptureEntityChanges(db);
        drafts.AddRange(db.PendingAuditEvents);
        db.PendingAuditEvents.Clear();
        if (drafts.Count == 0)
        {
            return result;
        }

        var session = new AuditSession(drafts);
        await gate.EnterAsync(cancellationToken);
        session.HoldsGate = true;
        db.ActiveAuditSession = session;
        try
        {
            if (db.Database.CurrentTransaction is null)
            {
                session.OwnedTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
            }

            // Several instances on one server database: writers of other processes queue at the head's row lock,
            // taken before any entity row so that no two writers wait on each other (RowLocks).
            await db.LockForUpdateAsync<AuditChainHead>(AuditChainHead.SingletonId, cancellationToken);
        }
        catch
        {
            await EndSessionAsync(db, session, commit: false);
            throw;
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not ProcurementDbContext db || db.ActiveAuditSession is not { Appending: false } session)
        {
            return result;
        }

        var committed = false;
        try
        {
            session.Appending = true;
            await AppendAsync(db, session.Drafts, cancellationToken);
            committed = true;
        }
        finally
        {
            await EndSessionAsync(db, session, committed);
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ProcurementDbContext db && db.ActiveAuditSession is { Appending: false } session)
        {
            await EndSessionAsync(db, session, commit: false);
        }
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result) =>
        ThrowingConcurrencyExceptionAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// EF reports a concurrency conflict (a stale balance, R-07) here and not through <see cref="SaveChangesFailedAsync"/>:
    /// the gate must be released here too, or every later save of this process would wait for it in vain.
    /// </summary>
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ProcurementDbContext db && db.ActiveAuditSession is { Appending: false, HoldsGate: true } session)
        {
            // EF is still reading the failed batch, so the transaction cannot end here: it is rolled back when the
            // context is disposed (or before its next save); the gate opens now.
            session.HoldsGate = false;
            gate.Exit();
        }

        return ValueTask.FromResult(result);
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ProcurementDbContext db && db.ActiveAuditSession is { Appending: false } session)
        {
            await EndSessionAsync(db, session, commit: false);
        }
    }

    private async Task AppendAsync(ProcurementDbContext db, List<AuditDraft> drafts, CancellationToken cancellationToken)
    {
        var head = db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault()?.Entity;
        if (head is null)
        {
            head = await db.AuditChainHeads.SingleAsync(cancellationToken);
        }
        else
        {
            await db.Entry(head).ReloadAsync(cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var draft in drafts)
        {
            draft.Resolve();
            var actor = draft.Actor ?? new AuditActor(currentUser.UserId, currentUser.UserName);
            var entry = new AuditEntry(
                head.LastEntryId + 1, now, actor.UserId, actor.UserName, draft.Action,
                draft.EntityType, draft.EntityKey, draft.Changes, head.LastMac, seal);
            head.MoveTo(entry);
            db.AuditEntries.Add(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EndSessionAsync(ProcurementDbContext db, AuditSession session, bool commit)
    {
        db.ActiveAuditSession = null;
        try
        {
            if (session.OwnedTransaction is { } transaction)
            {
                if (commit)
                {
                    await transaction.CommitAsync();
                }
                else
                {
                    await transaction.RollbackAsync();
                }

                await transaction.DisposeAsync();
            }
        }
        finally
        {
            if (session.HoldsGate)
            {
                session.HoldsGate = false;
                gate.Exit();
            }
        }
    }

    private static void RefuseAuditLogEdits(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            var isAuditRow = entry.Entity is AuditEntry or AuditChainHead;
            if (isAuditRow && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AuditLogAppendOnlyException();
            }

            if (entry.Entity is AuditEntry && entry.State == EntityState.Added)
            {
                throw new AuditLogAppendOnlyException();
            }
        }
    }

    private static List<AuditDraft> CaptureEntityChanges(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var drafts = new List<AuditDraft>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            // Sessions, data-protection keys and leases are not business data: signing in and out are audit events of their own.
            if (entry.Entity is AuditEntry or AuditChainHead || NotAudited(entry.Entity))
            {
                continue;
            }

            (AuditAction? action, List<AuditChange>? changes) = entry.State switch
            {
                EntityState.Added => (AuditAction.Created, Describe(entry, _ => null, p => p.CurrentValue, onlyModified: false)),
                EntityState.Modified => (AuditAction.Updated, Describe(entry, p => p.OriginalValue, p => p.CurrentValue, onlyModified: true)),
                EntityState.Deleted => (AuditAction.Deleted, Describe(entry, p => p.OriginalValue, _ => null, onlyModified: false)),
                _ => ((AuditAction?)null, (List<AuditChange>?)null),
            };

            if (action is null || changes is null || (action == AuditAction.Updated && changes.Count == 0))
            {
                continue;
            }

            var keyProperties = entry.Metadata.FindPrimaryKey()?.Properties ?? [];
            var keyKnownNow = keyProperties.All(p => !entry.Property(p.Name).IsTemporary);
            var temporary = entry.Properties.Where(p => p.IsTemporary).Select(p => p.Metadata.Name).ToHashSet();
            drafts.Add(AuditDraft.ForEntity(
                action.Value,
                entry.Metadata.ShortName(),
                changes,
                () => string.Join(',', keyProperties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture))),
                keyKnownNow,
                temporary.Count == 0 ? null : () => changes.Select(c => temporary.Contains(c.Property) ? c with { New = entry.Property(c.Property).CurrentValue } : c).ToList()));
        }

        return drafts;
    }

    /// <summary>
    /// Rows of the hosting, not of the bureau's business: data-protection keys (key material must never be
    /// copied into a log nobody can delete) and the leases of background work.
    /// </summary>
    private static bool NotAudited(object entity) =>
        entity is Identity.UserSession or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey or Hosting.BackgroundLease;

    private static List<AuditChange> Describe(
        EntityEntry entry, Func<PropertyEntry, object?> oldValue, Func<PropertyEntry, object?> newValue, bool onlyModified)
    {
        var changes = new List<AuditChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Ignored.Contains(name) || (onlyModified && !property.IsModified))
            {
                continue;
            }

            var before = oldValue(property);
            var after = newValue(property);
            if (onlyModified && Equals(before, after))
            {
                continue;
            }

            if (!onlyModified && before is null && after is null)
            {
                continue;
            }

            // Identity's tokens (authenticator key, recovery codes) are secrets like the password hash.
            if (HiddenValues.Contains(name) || (name == "Value" && entry.Entity is Microsoft.AspNetCore.Identity.IdentityUserToken<string>))
            {
                changes.Add(new AuditChange(name, before is null ? null : "***", after is null ? null : "***"));
            }
            else
            {
                changes.Add(new AuditChange(name, before, after));
            }
        }

        return changes;
    }
}
