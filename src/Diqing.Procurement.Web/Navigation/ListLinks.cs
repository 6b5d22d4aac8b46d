using System.Globalization;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Microsoft.AspNetCore.WebUtilities;

namespace Diqing.Procurement.Web.Navigation;

/// <summary>
/// The list pages' filters as URLs, both ways: a dashboard figure links to its list with the filter it was computed with,
/// and the list reads the same filter back. The one place where a filter's query-string names live.
/// </summary>
public static class ListLinks
{
    public static string Contracts(ListContractsQuery query)
    {
        var values = new Dictionary<string, string?>
        {
            ["year"] = query.Year?.ToString(CultureInfo.InvariantCulture),
            ["status"] = query.Status?.ToString(),
            ["county"] = query.County?.ToString(),
            ["group"] = query.TargetGroup?.ToString(),
            ["kind"] = query.FundingKind?.ToString(),
            ["signed"] = query.Concluded ? "true" : null,
            ["payable"] = query.HasPayable ? "true" : null,
        };
        return QueryHelpers.AddQueryString("contracts", values.Where(v => v.Value is not null));
    }

    public static ListContractsQuery ContractsFrom(Uri uri)
    {
        var q = QueryHelpers.ParseQuery(uri.Query);
        return new ListContractsQuery
        {
            Year = Int(q, "year"),
            Status = Enum<ContractStatus>(q, "status"),
            County = Enum<County>(q, "county"),
            TargetGroup = Enum<TargetGroup>(q, "group"),
            FundingKind = Enum<FundingKind>(q, "kind"),
            Concluded = q.TryGetValue("signed", out var signed) && signed == "true",
            HasPayable = q.TryGetValue("payable", out var payable) && payable == "true",
        };
    }

    public static string Funding(ListFundingSourcesQuery query) => QueryHelpers.AddQueryString("funding", new Dictionary<string, string?>
    {
        ["year"] = query.FiscalYear?.ToString(CultureInfo.InvariantCulture),
        ["kind"] = query.Kind?.ToString(),
        ["search"] = query.Search,
    }.Where(v => v.Value is not null));

    public static ListFundingSourcesQuery FundingFrom(Uri uri)
    {
        var q = QueryHelpers.ParseQuery(uri.Query);
        return new ListFundingSourcesQuery(Int(q, "year"), Enum<FundingKind>(q, "kind"), q.TryGetValue("search", out var s) && s.Count > 0 ? s.ToString() : null);
    }

    private static int? Int(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> q, string key) =>
        q.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static T? Enum<T>(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> q, string key)
        where T : struct, System.Enum =>
        q.TryGetValue(key, out var v) && System.Enum.TryParse<T>(v, ignoreCase: false, out var e) && System.Enum.IsDefined(e) ? e : null;
}
