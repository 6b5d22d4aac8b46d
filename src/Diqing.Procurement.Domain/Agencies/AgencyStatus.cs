namespace Diqing.Procurement.Domain.Agencies;

public enum AgencyStatus
{
    Active = 1,
    Suspended = 2,
}
