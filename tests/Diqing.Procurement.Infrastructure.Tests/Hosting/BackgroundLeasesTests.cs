using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Infrastructure.Tests.Hosting;

public sealed class BackgroundLeasesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    private static BackgroundLeases Leases(TestApp app, string instance, DateTime? now = null) => new(
        app.Services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>(),
        new FixedClock(now ?? Now),
        Options.Create(new HostingOptions { InstanceName = instance }));

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task Instances_asking_at_once_get_the_lease_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var instances = app.Instances(10);
        var taken = await AtOnce.RunAsync(instances.Select((instance, i) =>
        {
            var leases = Leases(instance, $"web-{i}");
            return (Func<Task<bool>>)(() => leases.TryTakeAsync("deadline-notices", Now.AddHours(1)));
        }));

        Assert.Single(taken, t => t);
    }

    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task A_lease_is_free_again_when_it_expires_or_is_released_and_leases_are_kept_by_name(DatabaseProvider provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        Assert.True(await Leases(app, "web-1").TryTakeAsync("deadline-notices", Now.AddHours(1)));
        Assert.True(await Leases(app, "web-2").TryTakeAsync("audit-checkpoints", Now.AddHours(1)));

        Assert.False(await Leases(app, "web-2").TryTakeAsync("deadline-notices", Now.AddHours(1)));
        Assert.False(await Leases(app, "web-1").TryTakeAsync("deadline-notices", Now.AddHours(2)), "held, by itself too");
        Assert.True(await Leases(app, "web-1").ExtendAsync("deadline-notices", Now.AddHours(2)), "the holder extends it");
        Assert.False(await Leases(app, "web-2", Now.AddMinutes(119)).TryTakeAsync("deadline-notices", Now.AddHours(3)));
        Assert.True(await Leases(app, "web-2", Now.AddHours(2)).TryTakeAsync("deadline-notices", Now.AddHours(3)), "expired");

        Assert.False(await Leases(app, "web-1").ExtendAsync("deadline-notices", Now.AddDays(1)), "no longer the holder");
        Assert.True(await Leases(app, "web-2", Now.AddHours(2)).ReleaseAsync("deadline-notices"));
        Assert.True(await Leases(app, "web-1", Now.AddHours(2)).TryTakeAsync("deadline-notices", Now.AddHours(3)), "released");

        await using var db = await app.DbAsync();
        Assert.Equal(["audit-checkpoints", "deadline-notices"], await db.BackgroundLeases.OrderBy(l => l.Name).Select(l => l.Name).ToListAsync());
        Assert.Empty(await db.AuditEntries.Where(e => e.EntityType == nameof(BackgroundLease)).ToListAsync());
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;
    }
}
