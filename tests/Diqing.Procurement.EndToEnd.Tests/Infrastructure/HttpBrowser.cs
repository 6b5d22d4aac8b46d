using System.Text.RegularExpressions;

namespace Diqing.Procurement.EndToEnd.Tests.Infrastructure;

/// <summary>A cookie-keeping HTTP client for the running app that signs in through the real form (antiforgery token and all).</summary>
public sealed partial class HttpBrowser : IDisposable
{
    private readonly HttpClient _client;

    private readonly CookieJar _cookies = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    public HttpBrowser(Uri baseAddress, string? forwardedFor = null)
    {
        BaseAddress = baseAddress;
        _client = new HttpClient(_cookies)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (forwardedFor is not null)
        {
            // As a TLS-terminating reverse proxy would send them.
            _client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            _client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }
    }

    public Uri BaseAddress { get; }

    public HttpClient Client => _client;

    /// <summary>Posts the sign-in form; returns the response (302 on success or to the next step, 200 with the error, 429).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var token = await TokenAsync("account/login");
        return await _client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await _client.GetStringAsync(path);
        return TokenField().Match(html).Groups["token"].Value;
    }

    public string? CookieValue(string name) => _cookies.Values.GetValueOrDefault(name);

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Keeps cookies by name whatever their Secure flag: behind the pretend TLS proxy the app marks them Secure while this
    /// client speaks plain HTTP to it, as the proxy would.
    /// </summary>
    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public Dictionary<string, string> Values { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Values.Count > 0 && !request.Headers.Contains("Cookie"))
            {
                request.Headers.Add("Cookie", string.Join("; ", Values.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || pair[1].Length == 0)
                {
                    Values.Remove(pair[0]);
                }
                else
                {
                    Values[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
