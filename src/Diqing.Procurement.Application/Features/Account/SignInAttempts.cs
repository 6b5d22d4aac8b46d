using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace Diqing.Procurement.Application.Features.Account;

/// <summary>
/// Counts failed sign-ins of names whose password was never checked (unknown, deactivated or locked accounts) exactly
/// as Identity counts an active account's (5 failures lock for 15 minutes), so that the "one attempt left" warning
/// comes at the same attempt for every name and tells nobody which accounts exist. In memory: it only shapes a message.
/// </summary>
public sealed class SignInAttempts(IdentityOptions options, TimeProvider clock)
{
    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a failure; true when one more failure would lock (the warning is due).</summary>
    public bool Fail(string userName)
    {
        var now = clock.GetUtcNow();
        if (_counters.Count > MaxTracked)
        {
            foreach (var stale in _counters.Where(c => c.Value.LastFailure < now - options.Lockout.DefaultLockoutTimeSpan).Select(c => c.Key).ToList())
            {
                _counters.TryRemove(stale, out _);
            }
        }

        var counter = _counters.GetOrAdd(userName, _ => new Counter());
        lock (counter)
        {
            counter.LastFailure = now;
            if (counter.LockedUntil > now)
            {
                return false;
            }

            counter.Failures++;
            if (counter.Failures >= options.Lockout.MaxFailedAccessAttempts)
            {
                counter.Failures = 0;
                counter.LockedUntil = now + options.Lockout.DefaultLockoutTimeSpan;
                return false;
            }

            return counter.Failures == options.Lockout.MaxFailedAccessAttempts - 1;
        }
    }

    public void Forget(string userName) => _counters.TryRemove(userName, out _);

    private sealed class Counter
    {
        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }
}
