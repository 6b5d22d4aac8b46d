using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>
/// The contract list's text search: the term inside the title, the number or the agency's name (ordinal, as
/// <c>string.Contains</c>), answered from an index on the two server-side providers that have one:
/// <list type="bullet">
/// <item>SQLite: a term of three or more characters is a phrase of the FTS5 trigram index <c>ContractSearch</c>; a
/// shorter one a seek of its own gram in <c>ContractSearchGrams</c> (every one- and two-character piece of each title
/// and number). Both are kept by triggers (migrations ContractSearch and ContractSearchShortTerms).</item>
/// <item>PostgreSQL: <c>LIKE '%term%'</c> (escaped, so <c>%</c> and <c>_</c> are plain characters), which pg_trgm's GIN
/// indexes answer for terms of three or more characters; the agency's contracts are a second branch of a UNION, so
/// each branch keeps its index.</item>
/// <item>SQL Server: a comparison in the rows, bounded by the count limit and the page (docs/performance.md gives
/// the design of an index).</item>
/// </list>
/// Agencies are few (hundreds): their names are compared directly and their contracts found by AgencyId's index.
/// </summary>
internal static class ContractTextSearch
{
    /// <summary>Trigrams: a term of fewer characters has no trigram to look up.</summary>
    public const int IndexedLength = 3;

    /// <param name="walk">
    /// On SQLite, keep the matches from driving the query (<c>Id + 0 IN …</c>): the page is then found by walking the sort
    /// order's index and testing each contract against the matches, which stops after a page when matches are many,
    /// where looking up and sorting thousands of matches would not (see <see cref="ListContractsHandler.WalkFrom"/>).
    /// </param>
    public static IQueryable<PurchaseContract> Matching(this IQueryable<PurchaseContract> contracts, ProcurementDbContext db, string term, bool walk = false)
    {
        var agencies = db.Agencies.Where(a => a.Name.Contains(term)).Select(a => a.Id);
        if (db.Database.IsSqlite())
        {
            var indexed = term.EnumerateRunes().Count() >= IndexedLength
                ? db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ContractSearch WHERE ContractSearch MATCH {Phrase(term)}")
                : db.Database.SqlQuery<int>($"SELECT ContractId AS Value FROM ContractSearchGrams WHERE Gram = {term}");
            return walk
                ? contracts.Where(c => indexed.Contains(c.Id + 0) || agencies.Contains(c.AgencyId + 0))
                : contracts.Where(c => indexed.Contains(c.Id) || agencies.Contains(c.AgencyId));
        }

        if (db.Database.IsNpgsql())
        {
            var pattern = "%" + EscapeLike(term) + "%";
            return contracts.Where(c => EF.Functions.Like(c.Title, pattern, LikeEscape) || EF.Functions.Like(c.Number, pattern, LikeEscape))
                .Union(contracts.Where(c => agencies.Contains(c.AgencyId)));
        }

        return contracts.Where(c => c.Title.Contains(term) || c.Number.Contains(term) || agencies.Contains(c.AgencyId));
    }

    /// <summary>The term as one FTS5 phrase (quotes doubled), so no character of it is query syntax.</summary>
    internal static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private const string LikeEscape = "\\";

    /// <summary>The term as a LIKE pattern's literal text: its escape character, <c>%</c> and <c>_</c> escaped.</summary>
    internal static string EscapeLike(string term) => term
        .Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
        .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
        .Replace("_", LikeEscape + "_", StringComparison.Ordinal);
}
