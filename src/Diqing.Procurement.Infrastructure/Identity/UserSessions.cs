using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Infrastructure.Identity;

/// <summary>The server-side session store: started at sign-in, checked on every request and circuit, ended on the server.</summary>
public sealed class UserSessions(IDbContextFactory<ProcurementDbContext> dbFactory, UserSessionOptions options, TimeProvider clock)
{
    /// <summary>The claim that carries the session id in the sign-in cookie.</summary>
    public const string ClaimType = Security.AppClaimTypes.SessionId;

    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = new UserSession(Guid.NewGuid().ToString("N"), userId, clock.GetUtcNow().UtcDateTime);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the session is still open; ends it when it has been idle or lived too long; records activity.</summary>
    /// <param name="activity">A request or circuit event of the user (not a background revalidation).</param>
    public async Task<bool> IsActiveAsync(string? sessionId, string? userId, bool activity, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.UserId != userId || session.EndedAtUtc is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ended = now - session.LastSeenAtUtc > options.IdleTimeout ? SessionEndReason.IdleTimeout
            : now - session.StartedAtUtc > options.AbsoluteLifetime ? SessionEndReason.LifetimeExpired
            : (SessionEndReason?)null;
        if (ended is { } reason)
        {
            await EndAsync(db, db.UserSessions.Where(s => s.Id == sessionId), reason, cancellationToken);
            return false;
        }

        if (activity && now - session.LastSeenAtUtc >= options.TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now), cancellationToken);
        }

        return true;
    }

    public async Task EndAsync(string? sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(sessionId))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await EndAsync(db, db.UserSessions.Where(s => s.Id == sessionId), reason, cancellationToken);
        }
    }

    /// <summary>Ends every open session of the user (deactivation, lock, password reset).</summary>
    public async Task EndAllAsync(string userId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EndAsync(db, db.UserSessions.Where(s => s.UserId == userId), reason, cancellationToken);
    }

    private async Task EndAsync(ProcurementDbContext db, IQueryable<UserSession> sessions, SessionEndReason reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await sessions.Where(s => s.EndedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, now).SetProperty(x => x.EndReason, reason), cancellationToken);
    }
}
