namespace Diqing.Procurement.Web.Components.Pages.Reports.Components;

/// <summary>How the overdue view groups its rows.</summary>
public enum OverdueGrouping
{
    Agency = 0,
    County = 1,
    None = 2,
}
