using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The entry page's files: the agency uploads while its entry is a draft; the bureau only reads them.</summary>
public sealed class EntryDetailsTests : MudTestContext, IAsyncLifetime
{
    private TestApp _app = null!;
    private CompetitionScenario _scenario = null!;
    private int _draftId;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _scenario = new CompetitionScenario(_app);
        await _scenario.OpenWithEntriesAsync();
        _draftId = await _app.As<EntriesHandler>(Roles.AgencyUser, _scenario.Deqin).SaveAsync(_scenario.CompetitionId, null, new Domain.Competitions.EntryDetails(
            "困境儿童陪伴", [TargetGroup.Elderly], "问题", "计划", "成效", 50_000m, [new Domain.Competitions.BudgetLine("人员", 50_000m)]));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public void The_agency_attaches_a_proposal_to_its_draft_entry()
    {
        var page = Render(Roles.AgencyUser, _draftId, _scenario.Deqin);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary("%PDF-1.7\n1 0 obj\n"u8.ToArray(), "项目书.pdf", contentType: "application/pdf"));

        page.WaitForAssertion(() => Assert.Equal("项目书.pdf", page.Find("[data-testid=entry-attachments] [data-testid=attachment-link]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=attachment-delete]"));
    }

    [Fact]
    public void A_submitted_entry_shows_its_files_without_upload_and_the_bureau_cannot_change_them()
    {
        var page = Render(Roles.ProcurementOfficer, _scenario.EntryA);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=entry-attachments]")));
        Assert.Empty(page.FindAll("[data-testid=attachment-upload], [data-testid=attachment-delete]"));
        Assert.Contains("暂无附件", page.Find("[data-testid=entry-attachments]").TextContent);
    }

    private IRenderedComponent<EntryDetails> Render(string role, int entryId, int? agencyId = null)
    {
        SignIn(role);
        Context.Services.AddSingleton(_app.As<EntriesHandler>(role, agencyId));
        Context.Services.AddSingleton(_app.As<EntryAttachmentsHandler>(role, agencyId, "tester"));
        Context.Services.AddScoped<UserFeedback>();
        var page = Context.Render<EntryDetails>(p => p.Add(c => c.Id, entryId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=entry-title]")));
        return page;
    }
}
