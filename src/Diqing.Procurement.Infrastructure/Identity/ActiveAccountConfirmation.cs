using Microsoft.AspNetCore.Identity;

namespace Diqing.Procurement.Infrastructure.Identity;

/// <summary>A deactivated account cannot sign in (SignInResult.NotAllowed).</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(!user.IsDeactivated);
}
