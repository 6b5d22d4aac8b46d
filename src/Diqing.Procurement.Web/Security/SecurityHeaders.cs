using System.Security.Cryptography;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// Response headers for every answer: a Content-Security-Policy that the Blazor Server app and MudBlazor work under
/// (scripts only from the app and, for the one inline import map, a per-request nonce; MudBlazor's inline styles;
/// the circuit's WebSocket to the same origin), no framing, nosniff, no referrer, no powerful browser features.
/// An endpoint that sets its own sandboxing policy (attachment downloads) keeps it.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "diqing.csp-nonce";

    /// <summary>The nonce of this request's inline script (the import map in App.razor).</summary>
    public static string Nonce(HttpContext context) => context.Items[NonceKey] as string ?? string.Empty;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // Blazor's own "frame-ancestors 'self'" on pages is replaced; a sandboxing policy of an endpoint stays.
                if (!headers.ContentSecurityPolicy.ToString().Contains("sandbox", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = Policy(nonce);
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            await next(context);
        });

    public static string Policy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");
}
