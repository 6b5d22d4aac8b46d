namespace Diqing.Procurement.Web.Security;

/// <summary>Return addresses after sign-in or a language change: only paths of this site (no open redirect).</summary>
internal static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
