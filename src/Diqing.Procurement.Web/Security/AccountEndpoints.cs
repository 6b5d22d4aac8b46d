using Diqing.Procurement.Application.Features.Account;
using Diqing.Procurement.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Diqing.Procurement.Web.Security;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async ([FromServices] SignOutHandler signOut, HttpContext context) =>
        {
            await signOut.HandleAsync(context.RequestAborted);
            return TypedResults.LocalRedirect("~/account/login");
        }).RequireAuthorization();

        // The language choice is remembered for a year in the standard ASP.NET Core culture cookie.
        endpoints.MapGet("/culture", (string? name, string? returnUrl, HttpContext context) =>
        {
            var culture = AppCultures.Supported.Contains(name) ? name! : AppCultures.Chinese;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            return TypedResults.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : "~/");
        });
        return endpoints;
    }
}
