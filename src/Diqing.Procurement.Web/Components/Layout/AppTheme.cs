using MudBlazor;

namespace Diqing.Procurement.Web.Components.Layout;

internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#b5473a",
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
