using Diqing.Procurement.Web.Components.Shared;
using Diqing.Procurement.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Diqing.Procurement.Web.Tests.Components.Shared;

public sealed class PagerTextTests
{
    public sealed class Chinese() : MudTestContext("zh-CN")
    {
        [Fact]
        public void A_bounded_count_reads_ten_thousand_plus_an_exact_one_its_number()
        {
            var text = Context.Services.GetRequiredService<IStringLocalizer<UiText>>();
            Assert.Equal("第 {first_item}-{last_item} 条，共 10,000+ 条", PagerText.Info(text, totalIsLowerBound: true));
            Assert.Equal("第 {first_item}-{last_item} 条，共 {all_items} 条", PagerText.Info(text, totalIsLowerBound: false));
        }
    }

    public sealed class English() : MudTestContext("en-US")
    {
        [Fact]
        public void A_bounded_count_reads_ten_thousand_plus_an_exact_one_its_number()
        {
            var text = Context.Services.GetRequiredService<IStringLocalizer<UiText>>();
            Assert.Equal("{first_item}-{last_item} of 10,000+", PagerText.Info(text, totalIsLowerBound: true));
            Assert.Equal("{first_item}-{last_item} of {all_items}", PagerText.Info(text, totalIsLowerBound: false));
        }
    }
}
