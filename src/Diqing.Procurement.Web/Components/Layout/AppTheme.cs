using MudBlazor;

namespace Diqing.Procurement.Web.Components.Layout;

internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            // Every colour carries white text and stands as text on white at 4.5:1 or more (WCAG 2.1 AA 1.4.3);
            // MudBlazor's own info, success, warning and error (2.2-3.7:1) do not.
            Primary = "#1f5f8b",
            Secondary = "#b5473a",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a35200",
            Error = "#c62828",
            AppbarBackground = "#1f5f8b",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
