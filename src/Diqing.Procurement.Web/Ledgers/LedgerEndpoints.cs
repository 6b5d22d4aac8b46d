using System.Security.Claims;

namespace Diqing.Procurement.Web.Ledgers;

internal static class LedgerEndpoints
{
    /// <summary>The one download of a ledger the signed-in user has just exported from a page (see <see cref="LedgerFiles"/>).</summary>
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ledgers/{token:guid}", IResult (Guid token, LedgerFiles files, HttpContext context) =>
        {
            if (files.Take(token, context.User.FindFirstValue(ClaimTypes.NameIdentifier)) is not { } file)
            {
                return TypedResults.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(file.Content, Application.Features.Ledgers.LedgerFile.ContentType, file.FileName);
        }).RequireAuthorization();
        return endpoints;
    }
}
