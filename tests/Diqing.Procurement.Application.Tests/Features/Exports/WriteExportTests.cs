using System.Text.Json;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Application.Features.Exports.Json;
using Diqing.Procurement.Application.Tests.Features.Exports.Excel;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Exports;

/// <summary>The pipeline every export goes through: its kind's roles, progress, one audit event, the format's file.</summary>
[Collection(LedgerCollection.Name)]
public sealed class WriteExportTests(LedgerData data)
{
    [Fact]
    public async Task Each_export_is_an_audit_event_with_its_kind_format_filter_and_rows()
    {
        var before = await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Exported));
        var (workbook, file) = await data.ExportAsync(new ContractLedgerRequest(new ListContractsQuery { Search = "骨病" }), Roles.Auditor, userName: "auditor-event");
        workbook.Dispose();

        var entry = await data.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Exported).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(before + 1, await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Exported)));
        Assert.Equal("auditor-event", entry.UserName);
        Assert.Equal(WriteExportHandler.AuditSubject, entry.EntityType);
        Assert.Equal("Contracts", entry.EntityKey);
        Assert.Contains("骨病", entry.Changes);
        Assert.Contains("\"format\":\"xlsx\"", entry.Changes);
        Assert.Contains($"\"rows\":{file.RowCount}", entry.Changes);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.ContentType);
    }

    public static TheoryData<string> AllKinds => [.. XlsxWriterTests.Kinds, "CompetitionScores"];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task A_judge_gets_no_export(string kind)
    {
        var handler = data.App.As<WriteExportHandler>(Roles.Judge);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => handler.HandleAsync(Request(kind), new MemoryStream()));
    }

    [Theory]
    [InlineData("Funds")]
    [InlineData("CompetitionScores")]
    [InlineData("AuditLog")]
    public async Task An_agency_user_gets_no_fund_ledger_score_sheet_or_audit_log(string kind)
    {
        var handler = data.App.As<WriteExportHandler>(Roles.AgencyUser, data.Deqin);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => handler.HandleAsync(Request(kind), new MemoryStream()));
    }

    [Fact]
    public void Agency_users_are_offered_their_own_ledgers_judges_none_auditors_all()
    {
        var definitions = Definitions();
        Assert.Equal(["AuditLog", "CompetitionScores", "Contracts", "Disbursements", "Funds", "Progress", "WelfareLotteryAnnouncement", "WelfareLotteryAnnouncementDocument"], definitions.Select(d => d.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(["Contracts", "Disbursements", "Progress"], definitions.Where(d => d.Readers.Split(',').Contains(Roles.AgencyUser)).Select(d => d.Kind).Order(StringComparer.Ordinal));
        Assert.All(definitions, d => Assert.Contains(Roles.Auditor, d.Readers.Split(',')));
        Assert.All(definitions, d => Assert.DoesNotContain(Roles.Judge, d.Readers.Split(',')));
    }

    [Fact]
    public void Every_request_type_has_exactly_one_definition()
    {
        var requests = typeof(ExportRequest).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(ExportRequest).IsAssignableFrom(t)).ToList();
        var definitions = Definitions();

        Assert.Equal(requests.Count, definitions.Count);
        Assert.All(requests, r => Assert.Single(definitions, d => d.RequestType == r));
        Assert.Equal(definitions.Count, definitions.Select(d => d.Kind).Distinct().Count());
    }

    [Fact]
    public async Task Progress_is_reported_from_zero_up_to_the_row_count()
    {
        var reports = new List<ExportProgress>();
        var file = await data.App.As<WriteExportHandler>(Roles.Auditor)
            .HandleAsync(new ContractLedgerRequest(new ListContractsQuery()), new MemoryStream(), new SynchronousProgress(reports.Add));
        Assert.Equal(new ExportProgress(0, file.RowCount), reports[0]);
        Assert.Equal(new ExportProgress(file.RowCount, file.RowCount), reports[^1]);
    }

    private List<ExportDefinition> Definitions() => data.App.Scope().ServiceProvider.GetServices<ExportDefinition>().ToList();

    private ExportRequest Request(string kind) => kind == "CompetitionScores" ? new CompetitionScoreLedgerRequest(1) : XlsxWriterTests.RequestFor(kind);

    private sealed class SynchronousProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}

/// <summary>A kind defined outside the pipeline, in another format, goes through it unchanged: registered, authorised, audited.</summary>
public sealed class NewExportKindTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync(s => s.AddScoped<ExportDefinition, AgencyNames>());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_json_export_plugs_in_without_touching_the_pipeline()
    {
        await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F");
        var stream = new MemoryStream();
        var progress = new List<ExportProgress>();

        var file = await _app.As<WriteExportHandler>(Roles.Auditor, userName: "auditor1")
            .HandleAsync(new AgencyNamesRequest(), stream, new Progress(progress.Add));

        Assert.Equal("application/json", file.ContentType);
        Assert.EndsWith(".json", file.FileName, StringComparison.Ordinal);
        Assert.Equal(1, file.RowCount);
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("德钦县社会工作服务中心", json.RootElement.GetProperty("agencies")[0].GetString());
        Assert.Equal(new ExportProgress(1, 1), progress[^1]);
        await using var db = await _app.DbAsync();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditAction.Exported).SingleAsync();
        Assert.Equal("AgencyNames", entry.EntityKey);
        Assert.Contains("\"format\":\"json\"", entry.Changes);

        var judge = _app.As<WriteExportHandler>(Roles.Judge);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => judge.HandleAsync(new AgencyNamesRequest(), new MemoryStream()));
    }

    private sealed record AgencyNamesRequest : ExportRequest, IExportKind
    {
        public static string Kind => "AgencyNames";

        public static string Readers => Roles.Auditor;
    }

    private sealed class AgencyNames : ExportDefinition<AgencyNamesRequest>
    {
        protected override async Task<ExportDocument> BuildAsync(ExportContext context, AgencyNamesRequest request, CancellationToken cancellationToken)
        {
            var names = await context.Db.Agencies.Select(a => a.Name).ToListAsync(cancellationToken);
            return new JsonExport("agencies", names.Count, (writer, written, _) =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("agencies");
                for (var i = 0; i < names.Count; i++)
                {
                    writer.WriteStringValue(names[i]);
                    written(i + 1);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                return Task.FromResult(names.Count);
            }, context.Text);
        }
    }

    private sealed class Progress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
