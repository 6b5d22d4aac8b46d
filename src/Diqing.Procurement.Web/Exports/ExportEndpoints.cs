using System.Security.Claims;

namespace Diqing.Procurement.Web.Exports;

internal static class ExportEndpoints
{
    /// <summary>The one download of an export the signed-in user has just written from a page (see <see cref="ExportFiles"/>).</summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exports/{token:guid}", IResult (Guid token, ExportFiles files, HttpContext context) =>
        {
            if (files.Take(token, context.User.FindFirstValue(ClaimTypes.NameIdentifier)) is not { } file)
            {
                return TypedResults.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization();
        return endpoints;
    }
}
