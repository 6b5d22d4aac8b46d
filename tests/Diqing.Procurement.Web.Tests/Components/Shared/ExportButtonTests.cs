using System.Security.Claims;
using System.Text.RegularExpressions;
using Bunit;
using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Exports;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Shared;
using Diqing.Procurement.Web.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Shared;

/// <summary>The export button over a real SQLite database: the file is written, offered once, to the user who asked.</summary>
public sealed class ExportButtonTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private ExportFiles _files = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _files = new ExportFiles(TimeProvider.System);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _files.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_auditor_exports_the_pages_rows_and_the_browser_gets_a_one_time_link_for_that_user_only()
    {
        var scenario = new ContractScenario(_app);
        var agencyId = await _app.AddAgencyAsync();
        await scenario.DraftAsync(agencyId, 100_000m);
        await scenario.DraftAsync(agencyId, 250_000.50m);
        var module = Context.JSInterop.SetupModule("./js/download.js");
        module.SetupVoid("start", _ => true).SetVoidResult();
        var button = Render(Roles.Auditor, () => new ContractLedgerRequest(new ListContractsQuery()));

        button.Find("button[data-testid=export-Contracts]").Click();

        button.WaitForAssertion(() => Assert.Single(module.Invocations["start"]), TimeSpan.FromSeconds(20));
        var url = module.Invocations["start"].Single().Arguments[0]!.ToString()!;
        Assert.Matches("^exports/[0-9a-f-]{36}$", url);
        var token = Guid.Parse(url["exports/".Length..]);
        Assert.Null(_files.Take(token, "someone-else"));

        var file = _files.Take(token, "auditor-id");
        Assert.NotNull(file);
        Assert.Matches(@"^政府购买服务合同台账-\d{8}\.xlsx$", file.Value.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Value.ContentType);
        await using (var content = file.Value.Content)
        using (var workbook = new XLWorkbook(content))
        {
            var numbers = workbook.Worksheets.First().CellsUsed().Count(c => Regex.IsMatch(c.GetString(), @"^DQMZ-\d{4}-\d{4}$"));
            Assert.Equal(2, numbers);
        }

        Assert.Null(_files.Take(token, "auditor-id"));
        Assert.Empty(button.FindAll("[data-testid=export-progress]"));
    }

    [Fact]
    public async Task The_request_handed_last_is_the_one_exported_though_a_new_one_alone_renders_nothing_anew()
    {
        var scenario = new ContractScenario(_app);
        var agencyId = await _app.AddAgencyAsync();
        await scenario.DraftAsync(agencyId, 100_000m);
        await scenario.DraftAsync(agencyId, 250_000.50m);
        var module = Context.JSInterop.SetupModule("./js/download.js");
        module.SetupVoid("start", _ => true).SetVoidResult();
        var button = Render(Roles.Auditor, () => new ContractLedgerRequest(new ListContractsQuery { Search = "没有这样的合同" }));
        var renders = button.RenderCount;

        // The page hands a new lambda with every render (its filters changed): nothing shown changes, so no render.
        button.Render(p => p.Add(c => c.Request, () => new ContractLedgerRequest(new ListContractsQuery())));
        Assert.Equal(renders, button.RenderCount);

        button.Find("button[data-testid=export-Contracts]").Click();
        button.WaitForAssertion(() => Assert.Single(module.Invocations["start"]), TimeSpan.FromSeconds(20));
        var url = module.Invocations["start"].Single().Arguments[0]!.ToString()!;
        var file = _files.Take(Guid.Parse(url["exports/".Length..]), "auditor-id");
        Assert.NotNull(file);
        await using var content = file.Value.Content;
        using var workbook = new XLWorkbook(content);
        Assert.Equal(2, workbook.Worksheets.First().CellsUsed().Count(c => Regex.IsMatch(c.GetString(), @"^DQMZ-\d{4}-\d{4}$")));
    }

    [Fact]
    public void A_judge_is_not_offered_the_contract_ledger()
    {
        var button = Render(Roles.Judge, () => new ContractLedgerRequest(new ListContractsQuery()));

        Assert.Empty(button.FindAll("[data-testid^=export-]"));
    }

    [Fact]
    public void A_refused_export_says_why_and_offers_nothing()
    {
        // The page saw an auditor, the server now sees an agency user (say, a role taken away since the page was
        // drawn): the handler refuses, and the button says so.
        var module = Context.JSInterop.SetupModule("./js/download.js");
        var button = Render(Roles.Auditor, () => new AuditLedgerRequest(new AuditLogFilter()), handlerRole: Roles.AgencyUser, agencyId: 1);

        button.Find("button[data-testid=export-AuditLog]").Click();

        var snackbar = Context.Services.GetRequiredService<MudBlazor.ISnackbar>();
        button.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Severity == MudBlazor.Severity.Error), TimeSpan.FromSeconds(10));
        Assert.Empty(button.FindAll("[data-testid=export-progress]"));
        Assert.Empty(module.Invocations);
    }

    private IRenderedComponent<ExportButton<TRequest>> Render<TRequest>(string role, Func<TRequest> request, string? handlerRole = null, int? agencyId = null)
        where TRequest : ExportRequest, IExportKind
    {
        SignIn(role);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "auditor-id"), new Claim(AppClaimTypes.DisplayName, "测试用户"));
        Context.Services.AddSingleton(_app.As<WriteExportHandler>(handlerRole ?? role, agencyId, "tester"));
        Context.Services.AddSingleton(_files);
        Context.Services.AddScoped<UserFeedback>();
        return Context.Render<ExportButton<TRequest>>(p => p.Add(c => c.Request, request));
    }
}
