using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Agencies;

public sealed record AgencyUserRow(string UserName, string DisplayName, bool IsDeactivated);

public sealed record AgencyContractRow(int Id, string Number, string Title, ContractStatus Status, decimal Amount, decimal? EvaluationScore, DateOnly? EvaluatedOn);

public sealed record AgencyDetail(
    int Id,
    string Name,
    string UnifiedSocialCreditCode,
    string? LegalRepresentative,
    string? RegistrationAuthority,
    County County,
    string? Address,
    string? ContactPerson,
    string? Phone,
    AgencyStatus Status,
    IReadOnlyList<AgencyUserRow> Users,
    IReadOnlyList<AgencyContractRow> Contracts,
    bool CanEdit,
    bool CanSuspend,
    bool CanReactivate,
    bool CanDelete);

public sealed class GetAgencyHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<AgencyDetail> HandleAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.AsNoTracking().Visible(currentUser).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Agency), id);

        // Only bureau staff see who the agency's accounts are.
        IReadOnlyList<AgencyUserRow> users = currentUser.IsAgencyOnly()
            ? []
            : await db.Users.AsNoTracking().Where(u => u.AgencyId == id).OrderBy(u => u.UserName)
                .Select(u => new AgencyUserRow(u.UserName!, u.DisplayName, u.IsDeactivated)).ToListAsync(cancellationToken);

        // The agency's contracts with their performance evaluations, newest first.
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.AgencyId == id)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.SequenceNumber)
            .Select(c => new AgencyContractRow(c.Id, c.Number, c.Title, c.Status, c.Amount,
                c.Evaluation == null ? null : c.Evaluation.Score, c.Evaluation == null ? null : c.Evaluation.EvaluatedOn))
            .ToListAsync(cancellationToken);

        var canEdit = currentUser.IsAnyOf(AgencyAccess.Editors);
        return new AgencyDetail(agency.Id, agency.Name, agency.UnifiedSocialCreditCode, agency.LegalRepresentative, agency.RegistrationAuthority,
            agency.County, agency.Address, agency.ContactPerson, agency.Phone, agency.Status, users, contracts, canEdit,
            CanSuspend: canEdit && agency.IsActive,
            CanReactivate: canEdit && !agency.IsActive,
            CanDelete: canEdit && !ChangeAgencyStatusHandler.IsInUse(users.Count, contracts.Count)); // in use: suspend instead
    }
}
