using Bunit;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Web.Components.Pages.Agencies.Components;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Agencies;

public sealed class AgencyFormTests : MudTestContext
{
    public AgencyFormTests() => Context.Services.AddSingleton<IValidator<SaveAgencyCommand>>(new SaveAgencyValidator());

    private static SaveAgencyCommand Valid() => new()
    {
        Name = "德钦县社会工作服务中心",
        UnifiedSocialCreditCode = "52533422MJD000001F",
        County = County.Deqin,
        ContactPerson = "扎西",
        Phone = "13908871234",
    };

    [Theory]
    [InlineData("52533422MJD0000010", "校验码（第 18 位）不正确")]
    [InlineData("52533422MJD00001", "当前为 16 位")]
    [InlineData("5253342ZMJD000001F", "第 8 位字符不合法")]
    public async Task The_form_says_precisely_what_is_wrong_with_the_code(string code, string expected)
    {
        var command = Valid();
        command.UnifiedSocialCreditCode = code;
        var form = Context.Render<AgencyForm>(p => p.Add(f => f.Command, command));

        var valid = await form.InvokeAsync(() => form.Instance.ValidateAsync());

        Assert.False(valid);
        form.WaitForAssertion(() => Assert.Contains(expected, form.Markup));
    }

    [Fact]
    public async Task A_valid_agency_passes_without_messages()
    {
        var form = Context.Render<AgencyForm>(p => p.Add(f => f.Command, Valid()));

        Assert.True(await form.InvokeAsync(() => form.Instance.ValidateAsync()));
        Assert.DoesNotContain("mud-input-error", form.Markup);
    }
}
