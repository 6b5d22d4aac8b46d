namespace Diqing.Procurement.Domain.Common;

/// <summary>Whom a service or an entry serves (服务对象). Stored by name.</summary>
public enum TargetGroup
{
    /// <summary>老年人 (扶老)</summary>
    Elderly = 1,

    /// <summary>孤儿与困境儿童 (救孤)</summary>
    Children = 2,

    /// <summary>残疾人，含精神障碍患者 (助残)</summary>
    Disabled = 3,

    /// <summary>困难群众、特困人员 (济困)</summary>
    PeopleInDifficulty = 4,

    /// <summary>青少年</summary>
    Youth = 5,

    /// <summary>妇女与家庭</summary>
    WomenAndFamilies = 6,

    /// <summary>社区居民</summary>
    CommunityResidents = 7,
}

public static class TargetGroupsRules
{
    /// <summary>R-08: welfare-lottery money serves only the elderly, the disabled, orphans/children and people in difficulty.</summary>
    public static readonly IReadOnlySet<TargetGroup> Eligible =
        new HashSet<TargetGroup> { TargetGroup.Elderly, TargetGroup.Children, TargetGroup.Disabled, TargetGroup.PeopleInDifficulty };

    public static bool WelfareLotteryEligible(IReadOnlyCollection<TargetGroup> groups) =>
        groups.Count > 0 && groups.All(Eligible.Contains);
}
