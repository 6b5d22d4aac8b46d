namespace Diqing.Procurement.TestSupport;

/// <summary>For concurrency tests: every action is prepared first, then all are let go at the same moment.</summary>
public static class AtOnce
{
    public static async Task<T[]> RunAsync<T>(IEnumerable<Func<Task<T>>> actions)
    {
        var prepared = actions.ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = prepared.Select(async action =>
        {
            await start.Task;
            return await action();
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(running);
    }

    public static Task RunAsync(IEnumerable<Func<Task>> actions) =>
        RunAsync(actions.Select(action => (Func<Task<bool>>)(async () =>
        {
            await action();
            return true;
        })));
}
