using Diqing.Procurement.Application.Features.Announcements;
using Diqing.Procurement.Application.Features.Disclosure;
using Diqing.Procurement.Application.Tests.Features.Announcements;
using Diqing.Procurement.Domain.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Disclosure;

public sealed class GetPublicAnnouncementTests : IAsyncLifetime
{
    private AnnouncementYear _year = null!;

    public async Task InitializeAsync() => _year = await AnnouncementYear.CreateAsync();

    public async Task DisposeAsync() => await _year.App.DisposeAsync();

    /// <summary>Anyone: a scope with no user at all.</summary>
    private GetPublicAnnouncementHandler Public => _year.App.Scope().ServiceProvider.GetRequiredService<GetPublicAnnouncementHandler>();

    [Fact]
    public async Task An_unpublished_announcement_is_never_public()
    {
        Assert.Null(await Public.HandleAsync(2026)); // nothing saved yet
        var version = await _year.App.As<SaveAnnouncementDraftHandler>(Roles.ProcurementOfficer)
            .HandleAsync(new SaveAnnouncementDraftCommand { Year = 2026, Narrative = "草稿正文" });

        Assert.Null(await Public.HandleAsync(2026));
        Assert.Empty(await Public.YearsAsync());

        await _year.App.As<PublishAnnouncementHandler>(Roles.ProcurementOfficer, userName: "officer").HandleAsync(new PublishAnnouncementCommand(2026, version));
        var published = await Public.HandleAsync(2026);
        Assert.NotNull(published);
        Assert.Equal("草稿正文", published.Narrative);
        Assert.Null(published.PublishedBy); // no personal data: the bureau publishes
        Assert.False(published.CanEdit || published.CanPublish);
        Assert.Equal(300_000m, published.Figures.AllocatedTotal);
        Assert.Equal([2026], await Public.YearsAsync());
    }
}
