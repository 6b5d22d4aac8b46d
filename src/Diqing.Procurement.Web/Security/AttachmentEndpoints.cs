using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Microsoft.AspNetCore.Mvc;

namespace Diqing.Procurement.Web.Security;

internal static class AttachmentEndpoints
{
    /// <summary>
    /// Downloads are authorised exactly like the attachment's owner, report or contract: the handler refuses what the user
    /// may not read. The file goes out as an attachment with an RFC 6266 file name, never rendered inline.
    /// </summary>
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/attachments/{id:guid}", async Task<IResult> (Guid id, [FromServices] DownloadAttachmentHandler attachments, HttpContext context) =>
        {
            try
            {
                var file = await attachments.HandleAsync(id, context.RequestAborted);
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            }
            catch (NotFoundException)
            {
                return TypedResults.NotFound();
            }
            catch (ForbiddenAccessException)
            {
                return TypedResults.Forbid();
            }
        }).RequireAuthorization();
        return endpoints;
    }
}
