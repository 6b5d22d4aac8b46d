namespace Diqing.Procurement.Web.Localization;

/// <summary>Marker for the UI texts: UiText.resx (Simplified Chinese, default) and UiText.en.resx.</summary>
public sealed class UiText;
