using QRCoder;

namespace Diqing.Procurement.Web.Security;

/// <summary>The authenticator-enrolment QR code as a PNG data URI (allowed by the CSP's img-src data:).</summary>
internal static class QrCode
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
