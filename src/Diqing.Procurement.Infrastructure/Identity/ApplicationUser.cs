using Microsoft.AspNetCore.Identity;

namespace Diqing.Procurement.Infrastructure.Identity;

/// <summary>A person who signs in. Accounts are deactivated, never deleted, so the audit log keeps its meaning.</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for AgencyUsers only: the one agency whose data they may see.</summary>
    public int? AgencyId { get; set; }

    public bool IsDeactivated { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
