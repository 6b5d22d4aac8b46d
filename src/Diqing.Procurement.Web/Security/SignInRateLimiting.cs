using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Diqing.Procurement.Application.Features.Account;
using Diqing.Procurement.Web.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in forms: per client address (after the forwarded headers of a known
/// proxy) and per typed account name, so that one client can neither guess passwords quickly nor lock many accounts.
/// A refused request gets 429 with a short page in the user's language and a Retry-After header.
/// </summary>
internal static class SignInRateLimiting
{
    public static readonly string[] SignInPaths = ["/account/login", "/account/login/two-factor", "/account/login/enrol"];

    /// <summary>The sign-in form's user-name field (the login page's <c>Input</c> model).</summary>
    public const string UserNameField = "Input.UserName";

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, SecurityOptions.SignInRateLimits limits) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                    ? RateLimitPartition.GetSlidingWindowLimiter("ip:" + context.Connection.RemoteIpAddress, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PerAddressPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context) && AccountOf(context) is { Length: > 0 } account
                    ? RateLimitPartition.GetSlidingWindowLimiter("account:" + account, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PerAccountPerFiveMinutes,
                        Window = TimeSpan.FromMinutes(5),
                        SegmentsPerWindow = 5,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            options.OnRejected = RejectAsync;
        });

    /// <summary>Reads the sign-in form before the limiter (the limiter's partitions are synchronous); the page reads the same form after.</summary>
    public static IApplicationBuilder UseSignInRateLimiting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next(context);
        }).UseRateLimiter();

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && SignInPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    private static string? AccountOf(HttpContext context) =>
        context.Request.Path.Equals(SignInPaths[0], StringComparison.OrdinalIgnoreCase) && context.Request.HasFormContentType
            ? SignInHandler.CapUserName(context.Request.Form[UserNameField]).ToUpperInvariant()
            : null;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<UiText>>();
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/html; charset=utf-8";
        var title = WebUtility.HtmlEncode(text["TooManyRequests.Title"]);
        var message = WebUtility.HtmlEncode(string.Format(CultureInfo.CurrentCulture, text["TooManyRequests.Message"], seconds));
        var back = WebUtility.HtmlEncode(text["TooManyRequests.Back"]);
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.Name}"><head><meta charset="utf-8" /><title>{title}</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main class="bare-main"><section class="login-card"><h1>{title}</h1><p data-testid="too-many-requests">{message}</p><p><a href="/account/login">{back}</a></p></section></main></body></html>
            """,
            cancellationToken);
    }
}
