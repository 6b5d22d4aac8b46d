namespace Diqing.Procurement.Infrastructure.Identity;

/// <summary>
/// One signed-in session, kept on the server so that signing out, deactivation, the idle timeout and the absolute
/// lifetime end it there: a copy of the cookie taken before is refused on the next request and by the open circuits.
/// Not audited row by row: signing in and out are audit events already.
/// </summary>
public sealed class UserSession
{
    private UserSession()
    {
        Id = string.Empty;
        UserId = string.Empty;
    }

    public UserSession(string id, string userId, DateTime startedAtUtc)
    {
        Id = id;
        UserId = userId;
        StartedAtUtc = startedAtUtc;
        LastSeenAtUtc = startedAtUtc;
    }

    public string Id { get; private set; }

    public string UserId { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public DateTime LastSeenAtUtc { get; private set; }

    public DateTime? EndedAtUtc { get; private set; }

    public SessionEndReason? EndReason { get; private set; }
}

/// <summary>Why a session ended. Stored by name: append only, never rename.</summary>
public enum SessionEndReason
{
    SignedOut = 1,
    IdleTimeout = 2,
    LifetimeExpired = 3,
    AccountDeactivated = 4,
    AccountLocked = 5,
    PasswordReset = 6,

    /// <summary>The sign-in was renewed (e.g. after turning two-factor sign-in on): a new session replaced this one.</summary>
    Renewed = 7,
}

/// <summary>The "Security:Sessions" configuration section.</summary>
public sealed class UserSessionOptions
{
    public const string SectionName = "Security:Sessions";

    /// <summary>A session without any request or circuit activity for this long ends (等保 2.0: session timeout).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session ends this long after sign-in.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Activity moves the session's last-seen time at most this often (one write a minute, not one a click).</summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An open page (Blazor circuit) checks its session on user activity at most this often, and in between every
    /// <see cref="CircuitRevalidationInterval"/> without activity.</summary>
    public TimeSpan CircuitCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
