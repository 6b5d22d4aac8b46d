using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Infrastructure.Hosting;

/// <summary>The "Hosting" configuration section.</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Names this instance in leases and logs; defaults to the machine name and process id.</summary>
    public string? InstanceName { get; set; }

    public string ResolveInstanceName() =>
        string.IsNullOrWhiteSpace(InstanceName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : InstanceName.Trim();
}

/// <summary>
/// Leases by name in the database (<see cref="BackgroundLease"/>): the instance that takes a lease
/// does the work, the others see it held. Taking is one conditional UPDATE (free when it has
/// expired), so two instances asking at once cannot both get it on any provider; a lease that is
/// not there yet is inserted, and the loser of that race sees the primary key refuse its row. A held lease
/// is not taken again, not even by its holder (a daily job must not run at every check): the holder
/// extends or releases it.
/// </summary>
public sealed class BackgroundLeases(IDbContextFactory<ProcurementDbContext> dbFactory, TimeProvider clock, IOptions<HostingOptions> hosting)
{
    public string Holder { get; } = hosting.Value.ResolveInstanceName();

    /// <summary>Takes the lease until <paramref name="untilUtc"/> when nobody holds it; false while it is held.</summary>
    public async Task<bool> TryTakeAsync(string name, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.BackgroundLeases
            .Where(l => l.Name == name && l.ExpiresAtUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.TakenAtUtc, now).SetProperty(l => l.ExpiresAtUtc, untilUtc), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.BackgroundLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.BackgroundLeases.Add(new BackgroundLease(name, Holder, now, untilUtc));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance inserted it at the same moment
        }
    }

    /// <summary>Moves the expiry of a lease this instance holds (to keep it longer, or to free it now); false when it is not ours.</summary>
    public async Task<bool> ExtendAsync(string name, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundLeases
            .Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, untilUtc), cancellationToken) == 1;
    }

    /// <summary>Frees a lease this instance holds, so that any instance may take it now.</summary>
    public Task<bool> ReleaseAsync(string name, CancellationToken cancellationToken = default) =>
        ExtendAsync(name, clock.GetUtcNow().UtcDateTime, cancellationToken);
}
