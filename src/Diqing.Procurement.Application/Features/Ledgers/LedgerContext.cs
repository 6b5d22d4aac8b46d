using System.Runtime.CompilerServices;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>What every ledger builder needs: the open context, the user, the language, the export instant and the request.</summary>
internal sealed record LedgerContext(ProcurementDbContext Db, ICurrentUser User, LedgerText Text, DateTime NowUtc, LedgerRequest Request)
{
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

    public async Task FilterAgencyAsync(int? agencyId, CancellationToken cancellationToken)
    {
        if (agencyId is { } id)
        {
            // An agency user learns no other agency's name from the header (its rows are its own anyway).
            var visible = !LedgerScope.IsAgencyOnly(User) || User.AgencyId == id;
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

    /// <summary>Title, issuing unit, filter, export time (China) and user, then any ledger-specific lines.</summary>
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

    /// <summary>Maps database rows to cells as the writer pulls them: nothing is materialised.</summary>
    public static async IAsyncEnumerable<object?[]> Map<T>(IAsyncEnumerable<T> source, Func<T, object?[]> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            yield return map(item);
        }
    }

    public static async IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
