using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Diqing.Procurement.Web.Localization;

namespace Diqing.Procurement.Web.Tests.Localization;

public partial class ResourceTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Diqing.Procurement.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static HashSet<string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    [Theory]
    [InlineData("src/Diqing.Procurement.Web/Localization/UiText")]
    [InlineData("src/Diqing.Procurement.Application/Resources/Messages")]
    public void Chinese_and_english_resources_have_the_same_keys(string basePath)
    {
        var root = RepositoryRoot();
        var chinese = Keys(Path.Combine(root, basePath + ".resx"));
        var english = Keys(Path.Combine(root, basePath + ".en.resx"));

        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    [Fact]
    public void Every_text_key_used_in_a_component_exists()
    {
        var root = RepositoryRoot();
        var keys = Keys(Path.Combine(root, "src/Diqing.Procurement.Web/Localization/UiText.resx"));
        var used = Directory.EnumerateFiles(Path.Combine(root, "src/Diqing.Procurement.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(keys));
    }

    [Fact]
    public void Chinese_is_the_neutral_language_of_the_ui()
    {
        var manager = new ResourceManager(typeof(UiText));
        Assert.Equal("首页", manager.GetString("Nav.Home", CultureInfo.InvariantCulture));
        Assert.Equal("Home", manager.GetString("Nav.Home", CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal("首页", manager.GetString("Nav.Home", CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Every_mudblazor_text_has_a_chinese_translation()
    {
        var mud = typeof(MudBlazor.MudLocalizer).Assembly;
        var resourceName = mud.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources", StringComparison.Ordinal));
        using var stream = mud.GetManifestResourceStream(resourceName)!;
        using var reader = new ResourceReader(stream);
        var mudKeys = reader.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

        var translations = (IReadOnlyDictionary<string, string>)typeof(UiText).Assembly
            .GetType("Diqing.Procurement.Web.Localization.MudChineseTexts")!
            .GetField("Values", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Empty(mudKeys.Except(translations.Keys));
    }

    // T["Some.Key"] in components; keys built at run time (T["Role." + role]) are checked by the role/enum tests.
    [GeneratedRegex("""T\["([A-Za-z]+\.[A-Za-z.]+)"\]""")]
    private static partial Regex LiteralKey();
}
