using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Tests.Common;

public class NameTextTests
{
    [Theory]
    [InlineData("德钦县\0社会工作服务中心")] // NUL
    [InlineData("invoice\u202Efdp.exe")] // right-to-left override
    [InlineData("机构\u2066名称\u2069")] // isolates
    [InlineData("香格里拉\u200B市")] // zero-width space
    [InlineData("机\u200D构")] // zero-width joiner
    [InlineData("\uFEFF机构")] // byte-order mark
    [InlineData("机构\u00AD名")] // soft hyphen
    [InlineData("机构\n名称")] // line feed
    [InlineData("机构\u2028名称")] // line separator
    [InlineData("机构\uE000")] // private use
    public void Hidden_and_control_characters_are_refused(string name)
    {
        Assert.False(NameText.IsClean(name));
        var refused = Assert.Throws<DomainException>(() => new Agency(name, "52533422MJD000001F", County.Deqin));
        Assert.Equal(NameText.HiddenCharactersCode, refused.Code);
    }

    [Theory]
    [InlineData("德钦县社会工作服务中心")]
    [InlineData("བདེ་ཆེན་རྫོང་གི་སྤྱི་ཚོགས་ལས་དོན་ཞབས་ཞུ་ལྟེ་གནས།")] // Tibetan, with tsheg and shad
    [InlineData("ꓪꓲ ꓫꓬ ꓡꓲ-ꓢꓴ ꓟꓽ")] // Lisu (Fraser script) with its tone marks
    [InlineData("\U00011FB0 Lisu supplement")] // beyond the BMP: a valid surrogate pair
    [InlineData("Weixi Lisu Autonomous County (维西)")]
    public void Chinese_tibetan_and_lisu_names_are_accepted(string name)
    {
        Assert.True(NameText.IsClean(name));
        Assert.Equal(name, new Agency(name, "52533422MJD000001F", County.Weixi).Name);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused() => Assert.False(NameText.IsClean("机构" + (char)0xD800 + "名"));

    [Fact]
    public void Strip_removes_only_the_hidden_characters() =>
        Assert.Equal("invoicefdp.exe བདེ་ཆེན", NameText.Strip("invoice\u202Efdp\u200B.exe\0 བདེ་ཆེན"));
}
