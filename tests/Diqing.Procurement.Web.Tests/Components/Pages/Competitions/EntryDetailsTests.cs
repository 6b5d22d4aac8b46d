using Bunit;
using Diqing.Procurement.Application.Features.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Pages.Competitions;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The entry page's files: offered for change exactly when the view says so (the agency's draft inside the window).</summary>
public sealed class EntryDetailsTests : CompetitionComponentTest
{
    private int _draftId;

    protected override async Task PrepareAsync(CompetitionScenario scenario)
    {
        await scenario.OpenWithEntriesAsync();
        _draftId = await scenario.SaveEntryAsync(Actor.Agency, "困境儿童陪伴", 50_000m);
    }

    [Fact]
    public void The_agency_attaches_a_proposal_to_its_draft_entry()
    {
        var page = Render(Actor.Agency, _draftId);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary("%PDF-1.7\n1 0 obj\n"u8.ToArray(), "项目书.pdf", contentType: "application/pdf"));

        page.WaitForAssertion(() => Assert.Equal("项目书.pdf", page.Find("[data-testid=entry-attachments] [data-testid=attachment-link]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=attachment-delete]"));
        Assert.Contains("测试社会工作服务中心", page.Find("[data-testid=entry-fields]").TextContent);
    }

    [Fact]
    public void A_submitted_entry_shows_its_files_without_upload_and_the_bureau_cannot_change_them()
    {
        var page = Render(Actor.Officer, Scenario.EntryA);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=entry-attachments]")));
        Assert.Empty(page.FindAll("[data-testid=attachment-upload], [data-testid=attachment-delete]"));
        Assert.Contains("暂无附件", page.Find("[data-testid=entry-attachments]").TextContent);
    }

    [Fact]
    public void The_agencys_own_draft_offers_no_upload_once_the_window_has_closed()
    {
        Scenario.Clock.UtcNow = Scenario.SubmissionClosesAtUtc;
        var page = Render(Actor.Agency, _draftId);
        Assert.Empty(page.FindAll("[data-testid=attachment-upload]"));
    }

    private IRenderedComponent<EntryDetails> Render(Actor actor, int entryId)
    {
        SignIn(actor == Actor.Agency ? Roles.AgencyUser : Roles.ProcurementOfficer);
        Context.Services.AddSingleton(Scenario.As<GetEntryHandler>(actor));
        Context.Services.AddSingleton(Scenario.As<EntryAttachmentsHandler>(actor));
        RenderProviders();
        var page = Context.Render<EntryDetails>(p => p.Add(c => c.Id, entryId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=entry-title]")));
        return page;
    }
}
