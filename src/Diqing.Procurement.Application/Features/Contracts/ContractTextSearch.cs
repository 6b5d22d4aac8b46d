using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>
/// The contract list's text search: the term inside the title, the number or the agency's name (ordinal, as
/// <c>string.Contains</c>). On SQLite a term of three or more characters is looked up in the trigram full-text index
/// <c>ContractSearch</c> (kept by triggers, see the ContractSearch migration) instead of scanning every title;
/// shorter terms, and the other providers, compare in the rows themselves, which the bounded count and the page size
/// keep to one pass at most (docs/performance.md gives the figures and the SQL Server and PostgreSQL designs).
/// </summary>
internal static class ContractTextSearch
{
    /// <summary>Trigrams: a term of fewer characters has no trigram to look up.</summary>
    public const int IndexedLength = 3;

    public static IQueryable<PurchaseContract> Matching(this IQueryable<PurchaseContract> contracts, ProcurementDbContext db, string term)
    {
        // Agencies are few (hundreds): their names are compared directly, their contracts found by AgencyId's index.
        var agencies = db.Agencies.Where(a => a.Name.Contains(term)).Select(a => a.Id);
        if (db.Database.IsSqlite() && term.EnumerateRunes().Count() >= IndexedLength)
        {
            var indexed = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ContractSearch WHERE ContractSearch MATCH {Phrase(term)}");
            return contracts.Where(c => indexed.Contains(c.Id) || agencies.Contains(c.AgencyId));
        }

        return contracts.Where(c => c.Title.Contains(term) || c.Number.Contains(term) || agencies.Contains(c.AgencyId));
    }

    /// <summary>The term as one FTS5 phrase (quotes doubled), so no character of it is query syntax.</summary>
    internal static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
