using System.Collections;
using System.Globalization;
using System.Resources;

namespace Acme.Parking.Tests;

public class LocalisationTests
{
    private const string Suffix = ".resources";

    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(ModuleInfo).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(Suffix, StringComparison.Ordinal)))
        {
            data.Add(name[..^Suffix.Length]);
        }

        return data;
    }

    [Fact]
    public void The_module_has_texts() => Assert.NotEmpty(ResourceFiles());

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Chinese_and_English_have_every_text(string baseName)
    {
        var resources = new ResourceManager(baseName, typeof(ModuleInfo).Assembly);

        var chinese = Read(resources, CultureInfo.InvariantCulture);
        var english = Read(resources, new CultureInfo("en"));

        Assert.NotEmpty(chinese);
        Assert.Equal(chinese.Keys.Order(), english.Keys.Order());
        Assert.All(chinese.Concat(english), text => Assert.False(string.IsNullOrWhiteSpace(text.Value), text.Key));
    }

    private static Dictionary<string, string?> Read(ResourceManager resources, CultureInfo culture)
    {
        // Only this culture's own file: a missing English text must not be covered by the Chinese fallback.
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string);
    }
}
