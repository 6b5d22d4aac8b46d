using System.Security.Claims;
using System.Text.RegularExpressions;
using Bunit;
using ClosedXML.Excel;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Ledgers;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Shared;
using Diqing.Procurement.Web.Ledgers;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Shared;

/// <summary>The export button over a real SQLite database: the file is written, offered once, to the user who asked.</summary>
public sealed class LedgerButtonTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private LedgerFiles _files = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _files = new LedgerFiles(TimeProvider.System);
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
        var button = Render(Roles.Auditor, LedgerKind.Contracts, () => new LedgerRequest(LedgerKind.Contracts) { Contracts = new ListContractsQuery() });

        button.Find("button[data-testid=ledger-Contracts]").Click();

        button.WaitForAssertion(() => Assert.Single(module.Invocations["start"]), TimeSpan.FromSeconds(20));
        var url = module.Invocations["start"].Single().Arguments[0]!.ToString()!;
        Assert.Matches("^ledgers/[0-9a-f-]{36}$", url);
        var token = Guid.Parse(url["ledgers/".Length..]);
        Assert.Null(_files.Take(token, "someone-else"));

        var file = _files.Take(token, "auditor-id");
        Assert.NotNull(file);
        Assert.Matches(@"^政府购买服务合同台账-\d{8}\.xlsx$", file.Value.FileName);
        await using (var content = file.Value.Content)
        using (var workbook = new XLWorkbook(content))
        {
            var numbers = workbook.Worksheets.First().CellsUsed().Count(c => Regex.IsMatch(c.GetString(), @"^DQMZ-\d{4}-\d{4}$"));
            Assert.Equal(2, numbers);
        }

        Assert.Null(_files.Take(token, "auditor-id"));
        Assert.Empty(button.FindAll("[data-testid=ledger-progress]"));
    }

    [Fact]
    public void A_judge_is_not_offered_the_contract_ledger()
    {
        var button = Render(Roles.Judge, LedgerKind.Contracts, () => new LedgerRequest(LedgerKind.Contracts));

        Assert.Empty(button.FindAll("[data-testid^=ledger-]"));
    }

    [Fact]
    public void A_refused_export_says_why_and_offers_nothing()
    {
        // The page would not show this button to an agency user; the handler refuses it anyway.
        var module = Context.JSInterop.SetupModule("./js/download.js");
        var button = Render(Roles.AgencyUser, LedgerKind.Contracts, () => new LedgerRequest(LedgerKind.AuditLog), agencyId: 1);

        button.Find("button[data-testid=ledger-Contracts]").Click();

        var snackbar = Context.Services.GetRequiredService<MudBlazor.ISnackbar>();
        button.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Severity == MudBlazor.Severity.Error), TimeSpan.FromSeconds(10));
        Assert.Empty(button.FindAll("[data-testid=ledger-progress]"));
        Assert.Empty(module.Invocations);
    }

    private IRenderedComponent<LedgerButton> Render(string role, LedgerKind kind, Func<LedgerRequest> request, int? agencyId = null)
    {
        SignIn(role);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "auditor-id"), new Claim(AppClaimTypes.DisplayName, "测试用户"));
        Context.Services.AddSingleton(_app.As<ExportLedgerHandler>(role, agencyId, "tester"));
        Context.Services.AddSingleton(_files);
        Context.Services.AddScoped<UserFeedback>();
        return Context.Render<LedgerButton>(p => p.Add(c => c.Kind, kind).Add(c => c.Request, request));
    }
}
