using Bunit;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Audit;

/// <summary>审计日志 as people read it (issue 14): localised entities and fields, China time, the whole text, on a real database.</summary>
public sealed class AuditLogTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Entries_show_localised_entity_and_field_names_and_the_filter_offers_entity_names()
    {
        await _app.AddAgencyAsync("德钦县社会工作服务中心", "52533422MJD000001F");
        SignIn(Roles.Auditor);
        Context.Services.AddSingleton(_app.As<SearchAuditLogHandler>(Roles.Auditor));
        Context.Services.AddSingleton(_app.As<VerifyAuditChainHandler>(Roles.Auditor));
        Context.Services.AddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();

        var page = Context.Render<Web.Components.Pages.Audit.AuditLog>();

        page.WaitForAssertion(() => Assert.Contains("机构名称：德钦县社会工作服务中心", page.Find("[data-testid=audit-grid]").TextContent));
        var grid = page.Find("[data-testid=audit-grid]").TextContent;
        Assert.Contains("承接机构", grid);
        Assert.Contains("统一社会信用代码：52533422MJD000001F", grid);
        Assert.DoesNotContain("UnifiedSocialCreditCode", grid);
        Assert.DoesNotContain("[{", grid);
        Assert.Empty(page.FindAll("[data-testid=audit-changes][title]"));
    }
}
