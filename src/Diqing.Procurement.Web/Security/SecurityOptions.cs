namespace Diqing.Procurement.Web.Security;

/// <summary>The "Security" configuration section (README, "Reverse proxy, HTTPS and sign-in limits").</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>HTTPS redirection and HSTS; by default on outside the Development and Demo environments.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>The public HTTPS port that plain-HTTP requests are redirected to.</summary>
    public int HttpsPort { get; set; } = 443;

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public SignInRateLimits RateLimits { get; set; } = new();

    public sealed class ForwardedHeadersSettings
    {
        /// <summary>Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed; none: the headers are ignored.</summary>
        public List<string> KnownProxies { get; set; } = [];

        /// <summary>Networks of such proxies in CIDR notation, e.g. 10.0.0.0/24.</summary>
        public List<string> KnownNetworks { get; set; } = [];
    }

    public sealed class SignInRateLimits
    {
        /// <summary>Sign-in requests (password, code, enrolment) one client address may make per minute.</summary>
        public int PerAddressPerMinute { get; set; } = 20;

        /// <summary>Password attempts for one account name per five minutes, from wherever they come.</summary>
        public int PerAccountPerFiveMinutes { get; set; } = 10;
    }
}
