using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Diqing.Procurement.Application.Tests.Features.Audit;

/// <summary>The one formatter of readable history (contract history tab, audit page, audit export), on the real EF model.</summary>
public sealed class AuditChangeTextTests : IAsyncLifetime
{
    // Stored, not audited, or nested inside another entity's JSON.
    private static readonly HashSet<string> NotAudited = ["AuditEntry", "AuditChainHead", "IdentityPasskeyData", "UserSession", "BackgroundLease", "DataProtectionKey"];

    private TestApp _app = null!;
    private IModel _model = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        await using var db = await _app.DbAsync();
        _model = db.Model;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AuditChangeText Chinese => new(_model, ExportText.For("zh-CN"));

    private AuditChangeText English => new(_model, ExportText.For("en-US"));

    [Fact]
    public void A_status_change_reads_in_words_of_the_domain()
    {
        var json = """[{"property":"Status","old":"InProgress","new":"Accepted"},{"property":"Version","old":3,"new":4}]""";

        Assert.Equal(["状态：履行中 → 已验收"], Chinese.Lines("PurchaseContract", AuditAction.Updated, json));
        Assert.Equal(["Status: In progress → Accepted"], English.Lines("PurchaseContract", AuditAction.Updated, json));
        Assert.Equal("合同", Chinese.EntityName("PurchaseContract"));
        Assert.Equal("Installment", English.EntityName("Installment"));
    }

    [Theory]
    [InlineData("Milestone", "ReportApprovedAtUtc", "null", "\"2026-03-31T16:30:00Z\"", "报告通过时间：（空） → 2026-04-01 00:30:00")]
    [InlineData("Allocation", "Amount", "100000", "120000.5", "金额（元）：100,000.00 → 120,000.50")]
    [InlineData("PurchaseContract", "_targetGroups", "[\"Elderly\"]", "[\"Elderly\",\"Disabled\"]", "服务对象：老年人 → 老年人、残疾人")]
    [InlineData("ApplicationUser", "IsDeactivated", "false", "true", "已停用：否 → 是")]
    [InlineData("Disbursement", "PaidOn", "null", "\"2026-01-20\"", "支付日期：（空） → 2026-01-20")]
    [InlineData("Agency", "Status", "\"Active\"", "\"Suspended\"", "状态：正常 → 已暂停")]
    public void Values_read_by_their_type(string entity, string property, string old, string @new, string expected)
    {
        var json = $$"""[{"property":"{{property}}","old":{{old}},"new":{{@new}}}]""";
        Assert.Equal([expected], Chinese.Lines(entity, AuditAction.Updated, json));
    }

    [Fact]
    public void A_new_entity_lists_its_values_without_technical_fields_and_an_event_its_details()
    {
        var created = """[{"property":"Id","old":null,"new":7},{"property":"VoucherNumber","old":null,"new":"迪民记〔2026〕演示0007号"},{"property":"Amount","old":null,"new":72000.0}]""";
        Assert.Equal(["凭证号：迪民记〔2026〕演示0007号", "金额（元）：72,000.00"], Chinese.Lines("Disbursement", AuditAction.Created, created));

        Assert.Equal(["原因：UnknownUser"], Chinese.Lines("Account", AuditAction.LoginFailed, """{"reason":"UnknownUser"}"""));
        Assert.Equal("导出内容：Contracts\n行数：12", Chinese.Describe("Export", AuditAction.Exported, """{"export":"Contracts","rows":12}"""));
        Assert.Equal(["not json"], Chinese.Lines("Agency", AuditAction.Updated, "not json"));
        Assert.Equal(["（仅记录版本变化）"], Chinese.Lines("PurchaseContract", AuditAction.Updated, """[{"property":"Version","old":1,"new":2}]"""));
    }

    [Fact]
    public void Every_audited_field_has_a_name_in_both_languages()
    {
        var missing = new List<string>();
        foreach (var type in _model.GetEntityTypes().Where(t => !NotAudited.Contains(t.ShortName())))
        {
            var entity = type.ShortName();
            if (Chinese.Text.Find("Audit.Entity." + entity) is null || English.Text.Find("Audit.Entity." + entity) is null)
            {
                missing.Add(entity);
            }

            foreach (var property in type.GetProperties().Where(p => AuditChangeText.IsShown(p.Name)))
            {
                if (Chinese.FindFieldName(entity, property.Name) is null || English.FindFieldName(entity, property.Name) is null)
                {
                    missing.Add(entity + "." + property.Name);
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void Every_value_of_an_audited_enum_has_a_name_in_both_languages()
    {
        var enums = _model.GetEntityTypes().Where(t => !NotAudited.Contains(t.ShortName())).SelectMany(t => t.GetProperties())
            .Select(p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)
            .Select(t => t.IsGenericType ? t.GetGenericArguments()[0] : t)
            .Where(t => t.IsEnum && t.Namespace!.StartsWith("Diqing", StringComparison.Ordinal))
            .Distinct();
        var missing = new List<string>();
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetNames(type))
            {
                foreach (var text in new[] { ExportText.For("zh-CN"), ExportText.For("en-US") })
                {
                    if (text.Find($"Ledger.Enum.{type.Name}.{value}") is null)
                    {
                        missing.Add($"{text.Culture.Name} {type.Name}.{value}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public async Task The_audit_page_and_the_contract_history_show_the_same_readable_lines()
    {
        await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F");
        await using var db = await _app.DbAsync();
        var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync(e => e.EntityType == "Agency");

        var page = await _app.As<SearchAuditLogHandler>(Domain.Security.Roles.Auditor)
            .HandleAsync(new SearchAuditLogQuery { Filter = new AuditLogFilter { EntityType = "Agency" } });

        var row = page.Items.Single(r => r.Id == entry.Id);
        Assert.Equal("承接机构", row.EntityName);
        Assert.Contains("机构名称：德钦县社会工作服务中心", row.Lines);
        Assert.Equal(Chinese.Lines("Agency", AuditAction.Created, entry.Changes), row.Lines);
    }
}
