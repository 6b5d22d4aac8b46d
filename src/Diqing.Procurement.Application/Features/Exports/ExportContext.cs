using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Exports;

/// <summary>What every export definition needs: the open context, the user, the language and the export instant; it collects the filter shown and audited.</summary>
public sealed class ExportContext(ProcurementDbContext db, ICurrentUser user, ExportText text, DateTime nowUtc)
{
    public ProcurementDbContext Db { get; } = db;

    public ICurrentUser User { get; } = user;

    public ExportText Text { get; } = text;

    public DateTime NowUtc { get; } = nowUtc;

    /// <summary>
    /// An agency user gets its own agency's rows only (an administrator holding both roles sees all).
    /// The one place exports decide it, to be swapped for the application's agency-scoping helper.
    /// </summary>
    public bool AgencyOnly { get; } = user.IsAgencyOnly();

    /// <summary>Filter parts shown above the header, also recorded in the audit event.</summary>
    public List<string> Filters { get; } = [];

    public void Filter(string labelKey, object? value)
    {
        if (value is null or "")
        {
            return;
        }

        var shown = value switch
        {
            DateTime utc => ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", Text.Culture),
            IFormattable f => f.ToString(null, Text.Culture),
            _ => value.ToString(),
        };
        Filters.Add(Text["Filter." + labelKey] + (Text.IsEnglish ? ": " : "：") + shown);
    }

    /// <summary>Says in the filter line that an agency user's export holds its own agency's rows only.</summary>
    public void FilterOwnAgency()
    {
        if (AgencyOnly)
        {
            Filters.Add(Text["Label.OwnAgencyOnly"]);
        }
    }

    public async Task FilterAgencyAsync(int? agencyId, CancellationToken cancellationToken)
    {
        if (agencyId is { } id)
        {
            // An agency user learns no other agency's name from the header (its rows are its own anyway).
            var visible = !AgencyOnly || User.AgencyId == id;
            var name = visible ? await Db.Agencies.Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken) : null;
            Filter("Agency", name ?? "#" + id);
        }
    }

    public async Task FilterContractAsync(int? contractId, CancellationToken cancellationToken)
    {
        if (contractId is { } id)
        {
            Filter("Contract", await Db.Contracts.Visible(User).Where(c => c.Id == id).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken) ?? "#" + id);
        }
    }

    /// <summary>Title, issuing unit, filter, export time (China) and user, then any export-specific lines.</summary>
    public IReadOnlyList<string> Preamble(string title, params string[] extra)
    {
        var filter = Filters.Count == 0 ? Text["Label.NoFilter"] : string.Join(Text.IsEnglish ? "; " : "；", Filters);
        var exportedAt = ChinaTime.FromUtc(NowUtc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            title,
            Text["Label.IssuingUnit", Text["IssuingUnit"]],
            Text["Label.Filter", filter],
            Text["Label.Exported", exportedAt, User.UserName ?? string.Empty],
            .. extra,
        ];
    }
}
