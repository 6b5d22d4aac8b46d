using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Contracts;

namespace Diqing.Procurement.Web.Components.Pages.Contracts.Components;

/// <summary>The edit form of a draft starts from what the contract holds (the application offers no such mapping).</summary>
public static class DraftCommand
{
    public static SaveContractDraftCommand From(PurchaseContract contract) => new()
    {
        Id = contract.Id,
        Version = contract.Version,
        Title = contract.Title,
        PurchasingUnit = contract.PurchasingUnit,
        AgencyId = contract.AgencyId,
        Method = contract.Method,
        Category = contract.Category,
        TargetGroups = contract.TargetGroups.ToList(),
        County = contract.County,
        Townships = contract.Townships,
        Amount = contract.Amount,
        StartOn = contract.StartOn.ToDateTime(TimeOnly.MinValue),
        EndOn = contract.EndOn.ToDateTime(TimeOnly.MinValue),
        TermJustification = contract.TermJustification,
        Description = contract.Description,
        Indicators = contract.Indicators.Select(i => new IndicatorInput { Name = i.Name, Unit = i.Unit, Target = i.Target }).ToList(),
    };
}
