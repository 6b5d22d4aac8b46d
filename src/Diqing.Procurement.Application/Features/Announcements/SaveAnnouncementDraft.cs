using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Announcements;

/// <summary>Creates the year's draft or changes its narrative; <see cref="Version"/> is the version the user edited.</summary>
public sealed class SaveAnnouncementDraftCommand
{
    public int Year { get; set; }

    public string Narrative { get; set; } = string.Empty;

    public long Version { get; set; }
}

public sealed class SaveAnnouncementDraftValidator : AbstractValidator<SaveAnnouncementDraftCommand>
{
    public SaveAnnouncementDraftValidator()
    {
        RuleFor(c => c.Year).InclusiveBetween(2000, 2100).WithMessage(_ => Messages.Get("Announcement.YearInvalid"));
        RuleFor(c => c.Narrative)
            .MaximumLength(WelfareLotteryAnnouncement.NarrativeMaxLength).WithMessage(_ => Messages.Get("Common.TooLong", WelfareLotteryAnnouncement.NarrativeMaxLength))
            // Paragraphs are lines: line breaks are the one control character the text may hold (R-30 for the rest).
            .Must(t => NameText.IsClean(t?.Replace('\r', ' ').Replace('\n', ' '))).WithMessage(_ => Messages.Get(NameText.HiddenCharactersCode));
    }
}

public sealed class SaveAnnouncementDraftHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, IValidator<SaveAnnouncementDraftCommand> validator)
{
    /// <returns>The draft's new version.</returns>
    public async Task<long> HandleAsync(SaveAnnouncementDraftCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(AnnouncementAccess.Editors);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var announcement = await db.WelfareLotteryAnnouncements.SingleOrDefaultAsync(a => a.Year == command.Year, cancellationToken);
        if (announcement is null)
        {
            announcement = new WelfareLotteryAnnouncement(command.Year, command.Narrative, clock.GetUtcNow().UtcDateTime);
            db.WelfareLotteryAnnouncements.Add(announcement);
        }
        else
        {
            if (announcement.Version != command.Version)
            {
                throw new DomainException("Error.Concurrency");
            }

            announcement.EditNarrative(command.Narrative);
        }

        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
        return announcement.Version;
    }
}
