using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// The data-protection keys (cookies, antiforgery, Identity tokens) at rest: they live in the database, shared by every
/// instance (ADR 13), and are encrypted with a certificate when <c>DataProtection:CertificatePath</c> names one (a PFX;
/// <c>DataProtection:CertificatePassword</c> for its password), so that a copy of the database alone does not hold them.
/// The SQLite database file itself is owner-only (DatabaseMigrator).
/// </summary>
internal static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]));
        }

        return builder;
    }
}
