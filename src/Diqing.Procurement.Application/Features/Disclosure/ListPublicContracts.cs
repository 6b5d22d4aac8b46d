using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Disclosure;

/// <summary>R-33: a signed contract as the public sees it: number, title, provider, method, amount, term, status and performance grade.</summary>
public sealed record PublicContractRow(
    string Number, string Title, string Provider, ProcurementMethod Method, decimal Amount, DateOnly StartOn, DateOnly EndOn,
    DateOnly SignedOn, ContractStatus Status, EvaluationGrade? Grade);

/// <summary>Signed contracts, newest signing first, for anyone (no login): <see cref="PublicDisclosure.Contract"/> only.</summary>
public sealed class ListPublicContractsHandler(IDbContextFactory<ProcurementDbContext> dbFactory)
{
    public const int MaxRows = 500;

    public async Task<IReadOnlyList<PublicContractRow>> HandleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from c in db.Contracts.AsNoTracking().Where(PublicDisclosure.Contract)
                          join a in db.Agencies on c.AgencyId equals a.Id
                          orderby c.SignedOn descending, c.Number
                          select new { c.Number, c.Title, Provider = a.Name, c.Method, c.Amount, c.StartOn, c.EndOn, c.SignedOn, c.Status, c.Evaluation })
            .Take(MaxRows).ToListAsync(cancellationToken);
        return rows.Select(r => new PublicContractRow(r.Number, r.Title, r.Provider, r.Method, r.Amount, r.StartOn, r.EndOn, r.SignedOn!.Value, r.Status,
            r.Evaluation?.Grade)).ToList();
    }
}
