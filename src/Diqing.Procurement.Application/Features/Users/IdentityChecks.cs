using Diqing.Procurement.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Diqing.Procurement.Application.Features.Users;

internal static class IdentityChecks
{
    /// <summary>Identity reports failures as results; turn them into a translated domain error.</summary>
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            var codes = string.Join(", ", result.Errors.Select(e => e.Code));
            throw new DomainException("User.IdentityRefused", codes);
        }
    }
}
