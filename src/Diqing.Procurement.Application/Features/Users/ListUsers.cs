using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Users;

public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    string? Role,
    int? AgencyId,
    string? AgencyName,
    bool IsDeactivated,
    DateTime? LockedUntilUtc);

public sealed record ListUsersQuery : PagedQuery
{
    /// <summary>Matches user name or display name.</summary>
    public string? Search { get; init; }

    public string? Role { get; init; }
}

public sealed class ListUsersHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<PagedResult<UserSummary>> HandleAsync(ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            users = users.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }

        if (Roles.IsKnown(query.Role))
        {
            var roleId = db.Roles.Where(r => r.Name == query.Role).Select(r => r.Id);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await users
            .OrderBy(u => u.UserName)
            .Skip(query.Skip)
            .Take(query.Take)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
                    .FirstOrDefault(),
                u.AgencyId,
                AgencyName = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.Name).FirstOrDefault(),
                u.IsDeactivated,
                u.LockoutEnd,
            })
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var items = page.Select(u => new UserSummary(
            u.Id, u.UserName!, u.DisplayName, u.Role, u.AgencyId, u.AgencyName, u.IsDeactivated,
            u.LockoutEnd is { } end && end > now ? end.UtcDateTime : null)).ToList();
        return new PagedResult<UserSummary>(items, total);
    }
}
