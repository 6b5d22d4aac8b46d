using System.Linq.Expressions;
using Diqing.Procurement.Domain.Announcements;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;

namespace Diqing.Procurement.Application.Features.Disclosure;

/// <summary>
/// What is public without login, named once for the public pages and the open data: contracts once signed
/// (never a draft), competitions whose results are published, announcements once published. Public handlers read
/// through these filters only, and show organisations, never people (no contact person, phone or user name).
/// </summary>
public static class PublicDisclosure
{
    public static readonly Expression<Func<PurchaseContract, bool>> Contract = c => c.Status != ContractStatus.Draft && c.SignedOn != null;

    public static readonly Expression<Func<Competition, bool>> Results =
        c => c.Phase == CompetitionPhase.ResultsPublished || c.Phase == CompetitionPhase.Closed;

    public static readonly Expression<Func<WelfareLotteryAnnouncement, bool>> Announcement = a => a.Status == AnnouncementStatus.Published;
}
