using System.Globalization;
using System.Text.Json;
using Diqing.Procurement.Application.Features.Disclosure;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Json;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.OpenData;

/// <summary>
/// OCDS 1.1 open data for anyone (no login): a release package with one release per signed contract
/// (<see cref="PublicDisclosure.Contract"/>: never a draft), or one contract's. The bureau is the buyer, the agency the
/// supplier (CN-USCI + its USCC), the funding sources' grantors the funders; tender (method mapped from the eight Chinese
/// methods, the Chinese name as details), award, contract (value, period, status), its reporting and payment milestones
/// and a transaction per disbursement, and the planning budget with the funding sources. Written with the JSON export's
/// writer settings, outside the export pipeline (public: no roles, no audit entry per download).
/// </summary>
public sealed class WriteOcdsReleasesHandler(IDbContextFactory<ProcurementDbContext> dbFactory, OcdsOptions options, TimeProvider clock)
{
    private static readonly ExportText Chinese = ExportText.For("zh-CN");

    public bool IsConfigured => options.IsConfigured;

    /// <summary>Writes the package of every signed contract; false (nothing written) when no ocid prefix is configured.</summary>
    public Task<bool> WritePackageAsync(Stream output, Uri packageUri, CancellationToken cancellationToken = default) =>
        WriteAsync(output, packageUri, null, cancellationToken);

    /// <summary>Writes the package of one signed contract; false (nothing written) when it is unknown, a draft, or no prefix is configured.</summary>
    public Task<bool> WriteContractAsync(string number, Stream output, Uri packageUri, CancellationToken cancellationToken = default) =>
        WriteAsync(output, packageUri, number, cancellationToken);

    /// <summary>The ocid of a contract: the registered prefix and the contract number.</summary>
    public string Ocid(string contractNumber) => options.Prefix + "-" + contractNumber;

    private async Task<bool> WriteAsync(Stream output, Uri packageUri, string? number, CancellationToken cancellationToken)
    {
        if (!options.IsConfigured)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Contracts.AsNoTracking().Where(PublicDisclosure.Contract);
        if (number is not null)
        {
            query = query.Where(c => c.Number == number);
            if (!await query.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var writer = new Utf8JsonWriter(output, JsonFormat.Options);
        writer.WriteStartObject();
        writer.WriteString("uri", packageUri.ToString());
        writer.WriteString("version", "1.1");
        writer.WriteString("publishedDate", Instant(now));
        writer.WriteStartObject("publisher");
        writer.WriteString("name", options.PublisherName);
        writer.WriteEndObject();
        if (!string.IsNullOrWhiteSpace(options.License))
        {
            writer.WriteString("license", options.License);
        }

        // In batches by contract number (a seek on its unique index), each with its agencies and allocations, written
        // and flushed before the next is read: memory holds one batch whatever the number of contracts.
        writer.WriteStartArray("releases");
        var batchSize = Math.Max(1, options.BatchSize);
        string? after = null;
        while (true)
        {
            var batch = after is null ? query : query.Where(c => string.Compare(c.Number, after) > 0);
            var contracts = await batch.OrderBy(c => c.Number).Take(batchSize)
                .Include(c => c.Milestones).Include(c => c.Installments).AsSplitQuery().ToListAsync(cancellationToken);
            if (contracts.Count == 0)
            {
                break;
            }

            var ids = contracts.Select(c => c.Id).ToList();
            var agencyIds = contracts.Select(c => c.AgencyId).Distinct().ToList();
            var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            var allocations = (await db.Allocations.AsNoTracking().Where(a => ids.Contains(a.ContractId)).Include(a => a.FundingSource).Include(a => a.Disbursements)
                .AsSplitQuery().OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.ContractId);
            foreach (var contract in contracts)
            {
                WriteRelease(writer, contract, agencies[contract.AgencyId], allocations[contract.Id].ToList(), now);
                if (writer.BytesPending > 64 * 1024)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            await writer.FlushAsync(cancellationToken);
            if (contracts.Count < batchSize)
            {
                break;
            }

            after = contracts[^1].Number;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return true;
    }

    private void WriteRelease(Utf8JsonWriter w, PurchaseContract c, Domain.Agencies.Agency agency, List<Allocation> allocations, DateTime nowUtc)
    {
        var payments = allocations.SelectMany(a => a.Disbursements).OrderBy(d => d.PaidOn).ThenBy(d => d.Id).ToList();
        var buyer = (Id: "buyer", Name: c.PurchasingUnit);
        var supplier = (Id: "CN-USCI-" + agency.UnifiedSocialCreditCode, agency.Name);
        var funders = allocations.Select(a => a.FundingSource).DistinctBy(FunderName).Select((s, i) => (Id: "funder-" + (i + 1), Name: FunderName(s))).ToList();

        w.WriteStartObject();
        w.WriteString("ocid", Ocid(c.Number));
        w.WriteString("id", c.Number + "-" + c.Version.ToString(CultureInfo.InvariantCulture));
        w.WriteString("date", Instant(nowUtc));
        w.WriteStartArray("tag");
        foreach (var tag in payments.Count > 0 ? new[] { "tender", "award", "contract", "implementation" } : ["tender", "award", "contract"])
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteString("initiationType", "tender");
        w.WriteString("language", "zh");

        w.WriteStartArray("parties");
        Party(w, buyer.Id, buyer.Name, options.BuyerId is null ? null : (options.BuyerScheme, options.BuyerId), ["buyer", "procuringEntity", "payer"]);
        Party(w, supplier.Id, supplier.Name, ("CN-USCI", agency.UnifiedSocialCreditCode), payments.Count > 0 ? ["supplier", "payee"] : ["supplier"]);
        foreach (var funder in funders)
        {
            Party(w, funder.Id, funder.Name, null, ["funder"]);
        }

        w.WriteEndArray();
        w.WriteStartObject("buyer");
        Reference(w, buyer.Id, buyer.Name);
        w.WriteEndObject();

        w.WriteStartObject("planning");
        w.WriteStartObject("budget");
        w.WriteString("id", c.Number + "-budget");
        w.WriteString("description", string.Join("；", allocations.Select(a =>
            $"{a.FundingSource.Name}（{Chinese.Of(a.FundingSource.Kind)}，{a.FundingSource.FiscalYear}年度，{a.FundingSource.DocumentNumber}）：{a.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}元")));
        Value(w, "amount", allocations.Sum(a => a.Amount));
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("tender");
        w.WriteString("id", c.Number + "-tender");
        w.WriteString("title", c.Title);
        w.WriteString("status", "complete");
        w.WriteString("procurementMethod", MethodCode(c.Method));
        w.WriteString("procurementMethodDetails", Chinese.Of(c.Method));
        w.WriteString("mainProcurementCategory", "services");
        Value(w, "value", c.Amount);
        w.WriteEndObject();

        w.WriteStartArray("awards");
        w.WriteStartObject();
        w.WriteString("id", c.Number + "-award");
        w.WriteString("title", c.Title);
        w.WriteString("status", "active");
        w.WriteString("date", Day(c.SignedOn!.Value));
        Value(w, "value", c.Amount);
        w.WriteStartArray("suppliers");
        w.WriteStartObject();
        Reference(w, supplier.Id, supplier.Name);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("contracts");
        w.WriteStartObject();
        w.WriteString("id", c.Number);
        w.WriteString("awardID", c.Number + "-award");
        w.WriteString("title", c.Title);
        w.WriteString("status", ContractStatusCode(c.Status));
        w.WriteStartObject("period");
        w.WriteString("startDate", Day(c.StartOn));
        w.WriteString("endDate", Day(c.EndOn));
        w.WriteEndObject();
        Value(w, "value", c.Amount);
        w.WriteString("dateSigned", Day(c.SignedOn.Value));
        w.WriteStartObject("implementation");
        w.WriteStartArray("milestones");
        var today = ChinaTime.DateOf(nowUtc);
        foreach (var m in c.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id))
        {
            w.WriteStartObject();
            w.WriteString("id", "milestone-" + m.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("title", m.Name);
            w.WriteString("type", "reporting");
            if (m.Deliverables is { } deliverables)
            {
                w.WriteString("description", deliverables);
            }

            w.WriteString("dueDate", Day(m.DueOn));
            w.WriteString("status", m.IsReportApproved ? "met" : m.DueOn < today ? "notMet" : "scheduled");
            if (m.ReportApprovedAtUtc is { } approved)
            {
                w.WriteString("dateMet", Instant(approved));
            }

            w.WriteEndObject();
        }

        foreach (var i in c.Installments.OrderBy(i => i.Sequence))
        {
            var dueOn = i.Milestone?.DueOn ?? c.Milestones.FirstOrDefault(m => m.Id == i.MilestoneId)?.DueOn;
            w.WriteStartObject();
            w.WriteString("id", "payment-" + i.Sequence.ToString(CultureInfo.InvariantCulture));
            w.WriteString("title", i.Label);
            w.WriteString("type", "payment");
            if ((i.Condition == InstallmentCondition.OnSigning ? c.SignedOn : dueOn) is { } due)
            {
                w.WriteString("dueDate", Day(due));
            }

            w.WriteString("status", i.Status switch
            {
                InstallmentStatus.Paid => "met",
                InstallmentStatus.Waived => "notMet",
                _ when i.PaidAmount > 0m => "partiallyMet",
                _ => "scheduled",
            });
            var lastPaid = payments.Where(d => d.InstallmentId == i.Id).Select(d => (DateOnly?)d.PaidOn).Max();
            if (i.Status == InstallmentStatus.Paid && lastPaid is { } paidOn)
            {
                w.WriteString("dateMet", Day(paidOn));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("transactions");
        foreach (var d in payments)
        {
            w.WriteStartObject();
            w.WriteString("id", d.VoucherNumber);
            w.WriteString("date", Day(d.PaidOn));
            Value(w, "value", d.Amount);
            w.WriteStartObject("payer");
            Reference(w, buyer.Id, buyer.Name);
            w.WriteEndObject();
            w.WriteStartObject("payee");
            Reference(w, supplier.Id, supplier.Name);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject(); // implementation
        w.WriteEndObject();
        w.WriteEndArray(); // contracts
        w.WriteEndObject();
    }

    /// <summary>The eight Chinese methods in OCDS's four: open (公开招标, 框架协议 by public solicitation), selective (邀请招标), limited (谈判, 磋商, 询价: suppliers of the buyer's choice), direct (单一来源, 直接委托).</summary>
    public static string MethodCode(ProcurementMethod method) => method switch
    {
        ProcurementMethod.PublicTender or ProcurementMethod.FrameworkAgreement => "open",
        ProcurementMethod.InvitationalTender => "selective",
        ProcurementMethod.CompetitiveNegotiation or ProcurementMethod.CompetitiveConsultation or ProcurementMethod.RequestForQuotation => "limited",
        _ => "direct",
    };

    /// <summary>Signed, running, suspended and accepted contracts are in force (active); closed and terminated ones have come to a close (terminated).</summary>
    public static string ContractStatusCode(ContractStatus status) => status switch
    {
        ContractStatus.Draft => "pending",
        ContractStatus.Closed or ContractStatus.Terminated => "terminated",
        _ => "active",
    };

    private static string FunderName(FundingSource source) => source.Grantor ?? source.Name;

    private static void Party(Utf8JsonWriter w, string id, string name, (string Scheme, string Id)? identifier, string[] roles)
    {
        w.WriteStartObject();
        Reference(w, id, name);
        if (identifier is { } ident)
        {
            w.WriteStartObject("identifier");
            w.WriteString("scheme", ident.Scheme);
            w.WriteString("id", ident.Id);
            w.WriteString("legalName", name);
            w.WriteEndObject();
        }

        w.WriteStartArray("roles");
        foreach (var role in roles)
        {
            w.WriteStringValue(role);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Reference(Utf8JsonWriter w, string id, string name)
    {
        w.WriteString("id", id);
        w.WriteString("name", name);
    }

    private static void Value(Utf8JsonWriter w, string property, decimal amount)
    {
        w.WriteStartObject(property);
        w.WriteNumber("amount", amount);
        w.WriteString("currency", "CNY");
        w.WriteEndObject();
    }

    /// <summary>A China calendar date as the instant it starts, in China time (RFC 3339).</summary>
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+08:00";

    private static string Instant(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+08:00";
}
