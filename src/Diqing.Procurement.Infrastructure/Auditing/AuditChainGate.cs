namespace Diqing.Procurement.Infrastructure.Auditing;

/// <summary>
/// Serialises appends to the audit chain within this process so writers queue instead of failing
/// on the chain head's concurrency token (which still guards against a second process).
/// </summary>
public sealed class AuditChainGate : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _semaphore.WaitAsync(MaxWait, cancellationToken))
        {
            throw new TimeoutException("The audit log is busy; the change was not saved.");
        }
    }

    public void Exit() => _semaphore.Release();

    public void Dispose() => _semaphore.Dispose();
}
