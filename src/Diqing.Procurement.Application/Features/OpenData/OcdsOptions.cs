using System.Text.RegularExpressions;

namespace Diqing.Procurement.Application.Features.OpenData;

/// <summary>
/// Settings of the OCDS 1.1 open data (<c>OpenData:Ocds:*</c>). The ocid prefix is registered with the Open Contracting
/// Partnership (<c>ocds-</c> + six lowercase letters or digits); without one the open data answers "not found". The
/// demo's prefix is a placeholder and says so in the publisher's name.
/// </summary>
public sealed partial class OcdsOptions
{
    public const string SectionName = "OpenData:Ocds";

    public string? Prefix { get; set; }

    public string PublisherName { get; set; } = "迪庆州民政局";

    /// <summary>The buyer (purchasing unit) as a party: its identifier scheme and id, e.g. CN-USCI and the bureau's USCC.</summary>
    public string BuyerScheme { get; set; } = "CN-USCI";

    public string? BuyerId { get; set; }

    /// <summary>The licence of the data, e.g. https://creativecommons.org/licenses/by/4.0/ (none when empty).</summary>
    public string? License { get; set; }

    /// <summary>Contracts read and written at a time: the package streams at any size, holding one batch in memory.</summary>
    public int BatchSize { get; set; } = 200;

    public bool IsConfigured => Prefix is not null && PrefixPattern().IsMatch(Prefix);

    [GeneratedRegex("^ocds-[a-z0-9]{6}$")]
    private static partial Regex PrefixPattern();
}
