using Diqing.Procurement.Application.Features.OpenData;

namespace Diqing.Procurement.Web.OpenData;

/// <summary>OCDS 1.1 open data, public (no login): the release package of every signed contract and one contract's.</summary>
internal static class OpenDataEndpoints
{
    public const string ReleasesPath = "/opendata/ocds/releases.json";

    public static IEndpointRouteBuilder MapOpenDataEndpoints(this IEndpointRouteBuilder app)
    {
        // The package of every signed contract streams to the client in batches (it grows with the years); one contract's is buffered.
        app.MapGet(ReleasesPath, async (HttpContext context, WriteOcdsReleasesHandler handler, CancellationToken cancellationToken) =>
        {
            if (!handler.IsConfigured)
            {
                return Results.NotFound();
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await handler.WritePackageAsync(context.Response.Body, UriOf(context.Request), cancellationToken);
            return Results.Empty;
        }).AllowAnonymous();

        // Contract numbers are DQMZ-{year}-{sequence}: a path segment of their own, ".json" appended.
        app.MapGet("/opendata/ocds/contracts/{file}", (string file, HttpContext context, WriteOcdsReleasesHandler handler, CancellationToken cancellationToken) =>
            file.EndsWith(".json", StringComparison.Ordinal)
                ? WriteAsync(context, (stream, uri) => handler.WriteContractAsync(file[..^".json".Length], stream, uri, cancellationToken))
                : Task.FromResult(Results.NotFound())).AllowAnonymous();
        return app;
    }

    private static Uri UriOf(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");

    /// <summary>Written to memory first, so that "not found" (an unknown or draft contract, no ocid prefix) is an honest 404.</summary>
    private static async Task<IResult> WriteAsync(HttpContext context, Func<Stream, Uri, Task<bool>> write)
    {
        var buffer = new MemoryStream();
        if (!await write(buffer, UriOf(context.Request)))
        {
            return Results.NotFound();
        }

        buffer.Position = 0;
        return Results.Stream(buffer, "application/json; charset=utf-8");
    }
}
