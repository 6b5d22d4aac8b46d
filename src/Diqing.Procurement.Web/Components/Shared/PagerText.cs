using System.Globalization;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Diqing.Procurement.Web.Components.Shared;

/// <summary>A data grid pager's "items x-y of n" line; a bounded count reads "of 10,000+" (paging stops there).</summary>
public static class PagerText
{
    public static string Info(IStringLocalizer<UiText> text, bool totalIsLowerBound) =>
        totalIsLowerBound
            ? string.Format(CultureInfo.CurrentCulture, text["Paging.InfoAtLeast"], PagedQuery.CountLimit)
            : text["Paging.Info"];
}
