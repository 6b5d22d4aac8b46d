using Diqing.Procurement.Domain.Common;
using Uscc = Diqing.Procurement.Domain.Agencies.UnifiedSocialCreditCode;

namespace Diqing.Procurement.Domain.Agencies;

/// <summary>A social-work agency (承接主体) that the bureau buys services from.</summary>
public class Agency
{
    private Agency()
    {
    }

    public Agency(string name, string unifiedSocialCreditCode, County county)
    {
        Register(name, unifiedSocialCreditCode, county);
        Status = AgencyStatus.Active;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string UnifiedSocialCreditCode { get; private set; } = string.Empty;

    public string? LegalRepresentative { get; set; }

    public string? RegistrationAuthority { get; set; }

    public County County { get; private set; }

    public string? Address { get; set; }

    public string? ContactPerson { get; set; }

    public string? Phone { get; set; }

    public AgencyStatus Status { get; private set; }

    public bool IsActive => Status == AgencyStatus.Active;

    /// <summary>Sets the registration data; the code must pass the GB 32100-2015 check .</summary>
    public void Register(string name, string unifiedSocialCreditCode, County county)
    {
        if (!Enum.IsDefined(county))
        {
            throw new DomainException("Agency.CountyRequired");
        }

        var code = Uscc.Normalize(unifiedSocialCreditCode);
        if (Uscc.Validate(code) is { } problem)
        {
            throw new DomainException("Uscc." + problem.Problem, problem.Position);
        }

        Name = NameText.Require(name, "Agency.NameRequired");
        UnifiedSocialCreditCode = code;
        County = county;
    }

    public void Suspend()
    {
        if (Status == AgencyStatus.Suspended)
        {
            throw new DomainException("Agency.AlreadySuspended");
        }

        Status = AgencyStatus.Suspended;
    }

    public void Reactivate()
    {
        if (Status == AgencyStatus.Active)
        {
            throw new DomainException("Agency.AlreadyActive");
        }

        Status = AgencyStatus.Active;
    }
}
