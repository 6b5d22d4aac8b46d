using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Web.Components.Pages.Contracts.Components;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Contracts;

public class LifecycleButtonsTests
{
    private static readonly ContractPermissions Editor = new(CanEdit: true, CanFund: true, CanPay: false);

    [Theory]
    [InlineData(ContractStatus.Draft, "Sign")]
    [InlineData(ContractStatus.Signed, "Start,Suspend,Terminate")]
    [InlineData(ContractStatus.InProgress, "Suspend,Terminate,Accept")]
    [InlineData(ContractStatus.Suspended, "Resume,Terminate")]
    [InlineData(ContractStatus.Accepted, "Close,Evaluate")]
    [InlineData(ContractStatus.Closed, "Evaluate")]
    [InlineData(ContractStatus.Terminated, "")]
    public void An_editor_is_offered_the_steps_the_status_allows(ContractStatus status, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), LifecycleButtons.Offered(status, Editor).Select(s => s.ToString()));

    [Fact]
    public void Readers_without_edit_rights_are_offered_nothing() =>
        Assert.Empty(LifecycleButtons.Offered(ContractStatus.Draft, new ContractPermissions(false, false, true)));
}
