using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Announcements;

public enum AnnouncementStatus
{
    Draft = 1,
    Published = 2,
}

/// <summary>
/// The annual welfare-lottery fund announcement (福彩公益金使用情况公告, R-32) of one year: the bureau edits its narrative
/// while it is a draft; publishing freezes the figures of that moment into it, after which nothing of it changes and it is
/// public. A year is announced once it is over (the prior year's use, by the end of June).
/// </summary>
public class WelfareLotteryAnnouncement
{
    public const int NarrativeMaxLength = 8000;

    private WelfareLotteryAnnouncement()
    {
        Narrative = string.Empty;
    }

    public WelfareLotteryAnnouncement(int year, string? narrative, DateTime createdAtUtc)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("Announcement.YearInvalid");
        }

        Year = year;
        Status = AnnouncementStatus.Draft;
        CreatedAtUtc = createdAtUtc;
        Narrative = Clean(narrative);
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>The bureau's text: how the money was used, what it achieved, how to ask or complain.</summary>
    public string Narrative { get; private set; }

    public AnnouncementStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public string? PublishedBy { get; private set; }

    /// <summary>The figures as they stood when it was published; null while it is a draft (its figures are then the ledger's).</summary>
    public AnnouncementFigures? Figures { get; private set; }

    public long Version { get; private set; }

    public bool IsPublished => Status == AnnouncementStatus.Published;

    /// <summary>Only a draft's narrative changes: a published announcement is frozen.</summary>
    public void EditNarrative(string? narrative)
    {
        RequireDraft();
        Narrative = Clean(narrative);
        Version++;
    }

    /// <summary>
    /// Publishes with the figures of this moment (irreversible, R-29): the year must be over (China date of
    /// <paramref name="atUtc"/>) and the narrative written.
    /// </summary>
    public void Publish(AnnouncementFigures figures, string publishedBy, DateTime atUtc)
    {
        RequireDraft();
        if (ChinaTime.DateOf(atUtc).Year <= Year)
        {
            throw new DomainException("Announcement.YearNotOver", Year);
        }

        if (string.IsNullOrWhiteSpace(Narrative))
        {
            throw new DomainException("Announcement.NarrativeRequired");
        }

        Figures = figures;
        PublishedBy = string.IsNullOrWhiteSpace(publishedBy) ? throw new DomainException("Announcement.PublisherRequired") : publishedBy.Trim();
        PublishedAtUtc = atUtc;
        Status = AnnouncementStatus.Published;
        Version++;
    }

    private void RequireDraft()
    {
        if (IsPublished)
        {
            throw new DomainException("Announcement.Frozen", Year);
        }
    }

    private static string Clean(string? narrative)
    {
        var text = narrative?.Trim() ?? string.Empty;
        if (text.Length > NarrativeMaxLength)
        {
            throw new DomainException("Announcement.NarrativeTooLong", NarrativeMaxLength);
        }

        return text;
    }
}
