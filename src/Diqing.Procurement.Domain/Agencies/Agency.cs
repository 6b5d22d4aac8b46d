using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Agencies;

/// <summary>A social-work agency (承接主体) that the bureau buys services from.</summary>
public class Agency
{
    private Agency()
    {
        Name = string.Empty;
        UnifiedSocialCreditCode = string.Empty;
    }

    public Agency(string name, string unifiedSocialCreditCode, County county)
    {
        Name = RequireText(name, "Agency.NameRequired");
        UnifiedSocialCreditCode = RequireText(unifiedSocialCreditCode, "Agency.UsccRequired").ToUpperInvariant();
        County = county;
        Status = AgencyStatus.Active;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string UnifiedSocialCreditCode { get; private set; }

    public string? LegalRepresentative { get; set; }

    public string? RegistrationAuthority { get; set; }

    public County County { get; private set; }

    public string? Address { get; set; }

    public string? ContactPerson { get; set; }

    public string? Phone { get; set; }

    public AgencyStatus Status { get; private set; }

    public bool IsActive => Status == AgencyStatus.Active;

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

    private static string RequireText(string value, string code) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(code) : value.Trim();
}
