using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diqing.Procurement.Infrastructure.Hosting;

/// <summary>Background work that runs once a day across all app instances (deadline notices, audit checkpoints).</summary>
public interface IDailyJob
{
    /// <summary>The name of the job's <see cref="BackgroundLease"/>, unique among jobs (e.g. "deadline-notices").</summary>
    static abstract string LeaseName { get; }

    /// <summary>Does the work; returns a line for the log (what was done).</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs <typeparamref name="TJob"/> at start-up and then every day, on one instance only. Every
/// instance checks every <see cref="CheckEvery"/>; the one that takes the job's lease runs the job
/// (holding the lease for <see cref="RunningHold"/> while it runs) and then keeps the lease for a
/// <see cref="Period"/> from the start of the run, so nobody runs it again before tomorrow. A failed
/// run frees the lease, so the next check of any instance tries again; an instance that dies while
/// running leaves a lease that expires after <see cref="RunningHold"/>.
/// </summary>
public sealed class DailyJobService<TJob>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DailyJobService<TJob>> logger) : BackgroundService
    where TJob : IDailyJob
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(24);
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RunningHold = TimeSpan.FromHours(1);

    /// <summary>One check: runs the job when it is due and no other instance holds it; true when this instance ran it.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<BackgroundLeases>();
        var started = clock.GetUtcNow().UtcDateTime;
        if (!await leases.TryTakeAsync(TJob.LeaseName, started + RunningHold, cancellationToken))
        {
            logger.LogDebug("{Job} is not due or runs on another instance; {Instance} leaves it.", TJob.LeaseName, leases.Holder);
            return false;
        }

        try
        {
            var done = await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(cancellationToken);
            await leases.ExtendAsync(TJob.LeaseName, started + Period, cancellationToken);
            logger.LogInformation("{Job} ran on {Instance}: {Done}", TJob.LeaseName, leases.Holder, done);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Job} failed on {Instance}; it will be tried again at the next check.", TJob.LeaseName, leases.Holder);
            await leases.ReleaseAsync(TJob.LeaseName, CancellationToken.None);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job}: the lease could not be checked; trying again at the next check.", TJob.LeaseName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class DailyJobRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> (scoped) and the hosted service that runs it once a day across instances.</summary>
    public static IServiceCollection AddDailyJob<TJob>(this IServiceCollection services)
        where TJob : class, IDailyJob
    {
        services.TryAddScoped<TJob>();
        services.TryAddScoped<BackgroundLeases>();
        services.AddSingleton<DailyJobService<TJob>>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyJobService<TJob>>());
        return services;
    }
}
