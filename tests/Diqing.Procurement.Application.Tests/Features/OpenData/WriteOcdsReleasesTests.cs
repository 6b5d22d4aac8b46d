using System.Text.Json;
using Diqing.Procurement.Application.Features.OpenData;
using Diqing.Procurement.Application.Tests.Features.Announcements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;

namespace Diqing.Procurement.Application.Tests.Features.OpenData;

/// <summary>The open data checked offline against the standard's own schema and codelists (../shared/standards/ocds-1.1).</summary>
public sealed class WriteOcdsReleasesTests : IAsyncLifetime
{
    private const string ReleaseSchemaUrl = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";
    private static readonly Uri PackageUri = new("https://example.org/opendata/ocds/releases.json");

    private AnnouncementYear _year = null!;

    public async Task InitializeAsync() => _year = await AnnouncementYear.CreateAsync();

    public async Task DisposeAsync() => await _year.App.DisposeAsync();

    public static string StandardFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "standards", "ocds-1.1");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            // The repository lives beside the shared folder (../shared from the worktree); /work/shared on this machine.
            return Directory.Exists("/work/shared/standards/ocds-1.1") ? "/work/shared/standards/ocds-1.1"
                : throw new DirectoryNotFoundException("The OCDS 1.1 schema folder (shared/standards/ocds-1.1) was not found above the test binaries.");
        }
    }

    /// <summary>The handler as anyone gets it (no user), with the given ocid prefix.</summary>
    private WriteOcdsReleasesHandler Handler(string? prefix = "ocds-test01", int batchSize = 200) =>
        ActivatorUtilities.CreateInstance<WriteOcdsReleasesHandler>(_year.App.Scope().ServiceProvider, new OcdsOptions { Prefix = prefix, BatchSize = batchSize });

    private async Task<string> PackageAsync(string? contract = null, int batchSize = 200)
    {
        using var output = new MemoryStream();
        var written = contract is null
            ? await Handler(batchSize: batchSize).WritePackageAsync(output, PackageUri)
            : await Handler(batchSize: batchSize).WriteContractAsync(contract, output, PackageUri);
        Assert.True(written);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The package schema, its reference to the release schema resolved to the local copy (no network).</summary>
    private static async Task<JsonSchema> PackageSchemaAsync()
    {
        var folder = StandardFolder;
        var json = (await File.ReadAllTextAsync(Path.Combine(folder, "release-package-schema.json"))).Replace(ReleaseSchemaUrl, "release-schema.json", StringComparison.Ordinal);
        return await JsonSchema.FromJsonAsync(json, Path.Combine(folder, "release-package-schema.json"));
    }

    /// <summary>The innermost errors, readable: NJsonSchema nests an invalid item's errors under its array.</summary>
    private static IEnumerable<string> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0
            ? Flatten(child.Errors.SelectMany(x => x.Value))
            : [$"{e.Path}: {e.Kind} ({e.Property})"]);

    private static HashSet<string> Codes(string codelist) =>
        File.ReadLines(Path.Combine(StandardFolder, "codelists", codelist + ".csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task The_release_package_is_valid_OCDS_1_1_with_its_codelists()
    {
        var json = await PackageAsync();

        var errors = (await PackageSchemaAsync()).Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", Flatten(errors)));

        // Open codelists are not enforced by the schema: every code used is one of the standard's.
        using var doc = JsonDocument.Parse(json);
        var release = Assert.Single(doc.RootElement.GetProperty("releases").EnumerateArray());
        Assert.All(release.GetProperty("parties").EnumerateArray().SelectMany(p => p.GetProperty("roles").EnumerateArray()), r => Assert.Contains(r.GetString()!, Codes("partyRole")));
        var implementation = release.GetProperty("contracts")[0].GetProperty("implementation");
        Assert.All(implementation.GetProperty("milestones").EnumerateArray(), m => Assert.Contains(m.GetProperty("type").GetString()!, Codes("milestoneType")));
        Assert.Contains(release.GetProperty("tender").GetProperty("procurementMethod").GetString()!, Codes("method"));
        Assert.Contains("CNY", Codes("currency"));
    }

    [Fact]
    public async Task Amounts_equal_the_database_and_drafts_are_never_released()
    {
        using var doc = JsonDocument.Parse(await PackageAsync());
        var release = Assert.Single(doc.RootElement.GetProperty("releases").EnumerateArray()); // the draft is not there

        await using var db = await _year.App.DbAsync();
        var contract = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == _year.ContractId);
        var allocated = (await db.Allocations.Where(a => a.ContractId == contract.Id).Select(a => a.Amount).ToListAsync()).Sum();
        var payments = await db.Disbursements.Where(d => d.Allocation.ContractId == contract.Id).Select(d => new { d.VoucherNumber, d.Amount }).ToListAsync();

        Assert.Equal("ocds-test01-" + contract.Number, release.GetProperty("ocid").GetString());
        var c = release.GetProperty("contracts")[0];
        Assert.Equal(contract.Amount, c.GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Equal("active", c.GetProperty("status").GetString());
        Assert.Equal(contract.Amount, release.GetProperty("awards")[0].GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Equal(allocated, release.GetProperty("planning").GetProperty("budget").GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("limited", release.GetProperty("tender").GetProperty("procurementMethod").GetString());
        Assert.Equal("竞争性磋商", release.GetProperty("tender").GetProperty("procurementMethodDetails").GetString());
        var transactions = c.GetProperty("implementation").GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(payments.Select(p => (p.VoucherNumber, p.Amount)), transactions.Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("value").GetProperty("amount").GetDecimal())));
        var supplier = release.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "supplier"));
        Assert.Equal("CN-USCI", supplier.GetProperty("identifier").GetProperty("scheme").GetString());
        Assert.Equal("52533422MJD000001F", supplier.GetProperty("identifier").GetProperty("id").GetString());
        Assert.Equal(2, release.GetProperty("parties").EnumerateArray().Count(p => p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "funder")));
    }

    [Fact]
    public async Task One_contract_is_released_by_its_number_and_a_draft_is_not_found()
    {
        var json = await PackageAsync(_year.ContractNumber);
        Assert.Empty(Flatten((await PackageSchemaAsync()).Validate(json)));

        await using var db = await _year.App.DbAsync();
        var draftNumber = await db.Contracts.Where(c => c.Id == _year.DraftId).Select(c => c.Number).SingleAsync();
        Assert.False(await Handler().WriteContractAsync(draftNumber, Stream.Null, PackageUri));
        Assert.False(await Handler().WriteContractAsync("DQMZ-1999-0001", Stream.Null, PackageUri));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ocds-TOOLONG1")]
    public async Task Without_a_registered_prefix_nothing_is_released(string? prefix) =>
        Assert.False(await Handler(prefix).WritePackageAsync(Stream.Null, PackageUri));

    [Fact]
    public async Task The_package_written_in_batches_is_the_package_written_at_once()
    {
        var scenario = new TestSupport.ContractScenario(_year.App);
        var agency = await _year.App.AddAgencyAsync("香格里拉市社会服务工作中心", "52533401MJD0000025");
        await scenario.SignedAsync(agency, 80_000m);
        await scenario.SignedAsync(agency, 60_000m);

        var whole = await PackageAsync();
        var inBatchesOfOne = await PackageAsync(batchSize: 1);
        var inBatchesOfTwo = await PackageAsync(batchSize: 2);

        Assert.Equal(whole, inBatchesOfOne);
        Assert.Equal(whole, inBatchesOfTwo);
        var ocids = JsonDocument.Parse(whole).RootElement.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("ocid").GetString()).ToList();
        Assert.Equal(3, ocids.Count);
        Assert.Equal(ocids.Order(StringComparer.Ordinal), ocids);
        Assert.Empty(Flatten((await PackageSchemaAsync()).Validate(whole)));
    }
}
