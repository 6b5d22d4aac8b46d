using Diqing.Procurement.Infrastructure.Hosting;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Diqing.Procurement.Infrastructure.Tests.Hosting;

public sealed class DailyJobTests
{
    [Theory]
    [ClassData(typeof(DatabaseProviders))]
    public async Task Instances_checking_at_once_run_the_job_once_and_not_again_within_the_day(DatabaseProvider provider)
    {
        CountingJob.Runs = 0;
        await using var app = await TestApp.CreateAsync(provider, services => services.AddDailyJob<CountingJob>());
        var instances = app.Instances(4).Select(i => i.Services.GetRequiredService<DailyJobService<CountingJob>>()).ToList();

        var ran = await AtOnce.RunAsync(instances.Select(job => (Func<Task<bool>>)(() => job.RunIfDueAsync(CancellationToken.None))));

        Assert.Single(ran, r => r);
        Assert.False(await instances[^1].RunIfDueAsync(CancellationToken.None));
        Assert.Equal(1, CountingJob.Runs);
        await using var db = await app.DbAsync();
        var lease = await db.BackgroundLeases.SingleAsync();
        Assert.Equal(CountingJob.LeaseName, lease.Name);
        var period = DailyJobService<CountingJob>.Period;
        Assert.InRange(lease.ExpiresAtUtc - lease.TakenAtUtc, period - TimeSpan.FromMinutes(1), period); // from the start of the run
    }

    [Fact]
    public async Task A_failed_run_frees_the_lease_for_the_next_check()
    {
        FailingJob.Runs = 0;
        await using var app = await TestApp.CreateAsync(services => services.AddDailyJob<FailingJob>());
        var job = new DailyJobService<FailingJob>(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<DailyJobService<FailingJob>>.Instance);

        Assert.False(await job.RunIfDueAsync(CancellationToken.None));
        Assert.False(await job.RunIfDueAsync(CancellationToken.None));

        Assert.Equal(2, FailingJob.Runs);
    }

    private sealed class CountingJob : IDailyJob
    {
        public static int Runs;

        public static string LeaseName => "test-counting";

        public Task<string> RunAsync(CancellationToken cancellationToken) => Task.FromResult($"run {Interlocked.Increment(ref Runs)}");
    }

    private sealed class FailingJob : IDailyJob
    {
        public static int Runs;

        public static string LeaseName => "test-failing";

        public Task<string> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Runs);
            throw new InvalidOperationException("The job failed.");
        }
    }
}
