using Bunit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Contracts.Components;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

/// <summary>变更记录: the contract's audit trail as people read it (issue 14), from the server's view record on a real database.</summary>
public sealed class ContractHistoryTabTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;

    async Task IAsyncLifetime.InitializeAsync() => _app = await TestApp.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Changes_read_in_the_domains_words_and_china_time_whole_and_without_hovering()
    {
        var contract = await new ContractScenario(_app).SignedAsync(await _app.AddAgencyAsync(), 100_000m);
        var history = (await _app.As<GetContractHandler>(Roles.Auditor).HandleAsync(contract.ContractId)).History;

        var tab = Context.Render<ContractHistoryTab>(p => p.Add(c => c.History, history));

        var rows = tab.FindAll("[data-testid=contract-history] tbody tr");
        Assert.Equal(history.Count, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("合同", StringComparison.Ordinal) && r.TextContent.Contains("状态：草稿 → 已签订", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("付款节点", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.TextContent.Contains("PurchaseContract", StringComparison.Ordinal) || r.TextContent.Contains("Signed", StringComparison.Ordinal));
        var signed = history.First(h => h.Lines.Contains("状态：草稿 → 已签订"));
        Assert.Contains(Web.Localization.Display.ChinaDateTime(signed.OccurredAtUtc), tab.Markup);

        // Every line of a change is shown, each on its own, with no tooltip standing in for the text.
        var created = history.First(h => h.Action == Domain.Auditing.AuditAction.Created && h.EntityType == "PurchaseContract");
        var cell = tab.FindAll("[data-testid=audit-changes]")[history.ToList().IndexOf(created)];
        Assert.Equal(created.Lines, cell.Children.Select(c => c.TextContent));
        Assert.Contains("金额（元）：100,000.00", created.Lines);
        Assert.Null(cell.GetAttribute("title"));
    }
}
