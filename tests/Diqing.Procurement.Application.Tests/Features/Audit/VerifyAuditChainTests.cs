using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;

namespace Diqing.Procurement.Application.Tests.Features.Audit;

public sealed class VerifyAuditChainTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        for (var i = 1; i <= 3; i++)
        {
            await _app.AddAgencyAsync($"机构{i}", Uscc(i));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Auditor)]
    public async Task Untouched_log_verifies(string role)
    {
        var report = await _app.As<VerifyAuditChainHandler>(role).HandleAsync();
        Assert.True(report.IsIntact);
        Assert.True(report.CheckedCount >= 3);
    }

    [Fact]
    public async Task An_edit_made_directly_in_the_database_is_detected_at_that_entry()
    {
        // A DBA can drop the append-only trigger; the hash chain still exposes the edit.
        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoUpdate;");
        var edited = await _app.ExecuteRawSqlAsync(
            "UPDATE AuditEntries SET UserName = 'nobody' WHERE Id = (SELECT Id FROM AuditEntries WHERE EntityType = 'Agency' ORDER BY Id LIMIT 1 OFFSET 1);");
        Assert.Equal(1, edited);

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Auditor).HandleAsync();

        await using var db = await _app.DbAsync();
        var secondAgencyEntry = db.AuditEntries.Where(e => e.EntityType == "Agency").OrderBy(e => e.Id).Skip(1).First().Id;
        Assert.False(report.IsIntact);
        Assert.Equal(secondAgencyEntry, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.ContentAltered, report.Break);
    }

    [Fact]
    public async Task A_row_deleted_directly_in_the_database_is_detected()
    {
        await _app.ExecuteRawSqlAsync("DROP TRIGGER AuditEntries_NoDelete;");
        await _app.ExecuteRawSqlAsync("DELETE FROM AuditEntries WHERE Id = 2;");

        var report = await _app.As<VerifyAuditChainHandler>(Roles.Administrator).HandleAsync();

        Assert.Equal(2, report.FirstBrokenEntryId);
        Assert.Equal(AuditChainBreak.MissingEntry, report.Break);
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Other_roles_may_not_verify(string role) =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<VerifyAuditChainHandler>(role).HandleAsync());

    internal static string Uscc(int i)
    {
        var first17 = $"52533423MJD{i:D6}";
        return first17 + Domain.Agencies.UnifiedSocialCreditCode.CheckCharacter(first17);
    }
}
