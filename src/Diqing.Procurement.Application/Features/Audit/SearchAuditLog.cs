using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Audit;

public sealed record AuditEntryRow(
    long Id,
    DateTime OccurredAtUtc,
    string? UserName,
    AuditAction Action,
    string EntityType,
    string? EntityKey,
    string Changes)
{
    /// <summary>The entity type in the UI's language (<see cref="AuditChangeText"/>).</summary>
    public string EntityName { get; init; } = EntityType;

    /// <summary>The changes read aloud, one line a field, in the UI's language.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
}

/// <summary>An entity type of the log, with its name in the UI's language, for the filter.</summary>
public sealed record AuditEntityType(string Type, string Name);

public sealed record AuditLogFilter
{
    public DateTime? FromUtc { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTime? ToUtc { get; init; }

    public string? UserName { get; init; }

    public string? EntityType { get; init; }

    public string? EntityKey { get; init; }

    public AuditAction? Action { get; init; }
}

public sealed record SearchAuditLogQuery : PagedQuery
{
    public AuditLogFilter Filter { get; init; } = new();
}

/// <summary>Newest first, filtered, paged on the server: every filter is an indexed column.</summary>
public sealed class SearchAuditLogHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<PagedResult<AuditEntryRow>> HandleAsync(SearchAuditLogQuery query, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Roles.Sets.AuditReaders);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = Apply(db.AuditEntries.AsNoTracking(), query.Filter);

        // Ids are the chain positions 1..N without gaps, so the unfiltered count is the head's last id
        // (COUNT(*) over a million rows would cost ~70 ms on SQLite for every page).
        // A filtered count stops at PagedQuery.CountLimit (an entity type alone matches a sixth of the log).
        var unfiltered = query.Filter == new AuditLogFilter();
        var (total, bounded) = unfiltered
            ? ((int)await db.AuditChainHeads.Select(h => h.LastEntryId).SingleAsync(cancellationToken), false)
            : await entries.CountBoundedAsync(cancellationToken);

        // Unfiltered, page p starts at id N - p × size: a seek, where OFFSET would walk half a million index entries.
        var page = unfiltered
            ? entries.Where(e => e.Id <= (long)total - query.Skip).OrderByDescending(e => e.Id)
            : entries.OrderByDescending(e => e.Id).Skip(query.Skip);
        var items = await page
            .Take(query.Take)
            .Select(e => new AuditEntryRow(e.Id, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityKey, e.Changes))
            .ToListAsync(cancellationToken);
        var readable = AuditChangeText.ForCurrentCulture(db.Model);
        return new PagedResult<AuditEntryRow>(
            items.Select(e => e with { EntityName = readable.EntityName(e.EntityType), Lines = readable.Lines(e.EntityType, e.Action, e.Changes) }).ToList(), total)
        {
            TotalIsLowerBound = bounded,
        };
    }

    /// <summary>Entity types present in the log, for the filter's drop-down, by their names in the UI's language.</summary>
    public async Task<IReadOnlyList<AuditEntityType>> EntityTypesAsync(CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(Roles.Sets.AuditReaders);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var types = await db.AuditEntries.Select(e => e.EntityType).Distinct().ToListAsync(cancellationToken);
        var readable = AuditChangeText.ForCurrentCulture(db.Model);
        return types.Select(t => new AuditEntityType(t, readable.EntityName(t))).OrderBy(t => t.Name, StringComparer.Create(readable.Text.Culture, false)).ToList();
    }

    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, AuditLogFilter filter)
    {
        if (filter.FromUtc is { } from)
        {
            entries = entries.Where(e => e.OccurredAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            entries = entries.Where(e => e.OccurredAtUtc < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var userName = filter.UserName.Trim();
            entries = entries.Where(e => e.UserName == userName);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
        {
            entries = entries.Where(e => e.EntityKey == filter.EntityKey);
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        return entries;
    }
}
