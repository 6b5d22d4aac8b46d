using System.Globalization;
using Diqing.Procurement.Application.Features.Disclosure;

namespace Diqing.Procurement.Web.OpenData;

/// <summary>A published welfare-lottery announcement as a Word document, public (no login), in the visitor's language.</summary>
internal static class PublicAnnouncementEndpoints
{
    public static string DocumentPath(int year) => $"/public/welfare-lottery/{year.ToString(CultureInfo.InvariantCulture)}/announcement.docx";

    public static IEndpointRouteBuilder MapPublicAnnouncementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/public/welfare-lottery/{year:int}/announcement.docx", async (int year, HttpContext context, WritePublicAnnouncementDocumentHandler handler, CancellationToken cancellationToken) =>
        {
            // Written to memory first (tens of kilobytes), so that a year without a published announcement is an honest 404.
            var buffer = new MemoryStream();
            if (await handler.WriteAsync(year, CultureInfo.CurrentUICulture.Name, buffer, cancellationToken) is not { } file)
            {
                return Results.NotFound();
            }

            buffer.Position = 0;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(buffer, file.ContentType, file.FileName);
        }).AllowAnonymous();
        return app;
    }
}
