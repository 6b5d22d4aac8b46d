using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Diqing.Procurement.Infrastructure.Files;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Diqing.Procurement.Web.Security;

/// <summary>
/// The data-protection keys (cookies, antiforgery, Identity tokens) at rest: in an owner-only folder (0700) as
/// owner-only files (0600), and encrypted with a certificate when <c>DataProtection:CertificatePath</c> names one
/// (a PFX; <c>DataProtection:CertificatePassword</c> for its password).
/// </summary>
internal static class KeyProtection
{
    public static IDataProtectionBuilder PersistKeysProtected(this IDataProtectionBuilder builder, string folder, IConfiguration configuration)
    {
        FilePermissions.CreatePrivateDirectory(folder);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new OwnerOnlyFileRepository(new DirectoryInfo(folder), sp.GetRequiredService<ILoggerFactory>())));
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]));
        }

        return builder;
    }

    /// <summary>The framework's folder repository, with every key file made owner-only as it is written.</summary>
    private sealed class OwnerOnlyFileRepository(DirectoryInfo folder, ILoggerFactory loggerFactory) : IXmlRepository
    {
        private readonly FileSystemXmlRepository _inner = new(folder, loggerFactory);

        public IReadOnlyCollection<XElement> GetAllElements() => _inner.GetAllElements();

        public void StoreElement(XElement element, string friendlyName)
        {
            _inner.StoreElement(element, friendlyName);
            foreach (var file in folder.EnumerateFiles("*.xml"))
            {
                FilePermissions.RestrictFile(file.FullName);
            }
        }
    }
}
