using System.Text.RegularExpressions;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// Loading is the stage below Rendering: what both need (Unicode's composed form, the languages the site speaks, the
/// rendered bodies' default budget) lives in Loading, so the code that reads a folder never calls a renderer. The one
/// Rendering type it names is SiteRoutes, where every URL the site serves is defined once.
/// </summary>
public sealed partial class LoadingLayerTests
{
    [Fact]
    public void Loading_names_no_rendering_type_but_the_routes()
    {
        var renderingTypes = typeof(Rendering.PageWords).Assembly.GetTypes()
            .Where(type => type.Namespace == "ArticleSite.Rendering" && !type.IsNested && !type.Name.Contains('<', StringComparison.Ordinal))
            .Select(type => type.Name.Split('`')[0])
            .ToHashSet(StringComparer.Ordinal);
        var named = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.AppProject, "Loading"), "*.cs"))
        {
            var code = string.Join('\n', File.ReadLines(file)
                .Where(line => !line.StartsWith("using System", StringComparison.Ordinal))
                .Select(line => LineComment().Replace(line, "")));
            foreach (Match word in Identifier().Matches(code))
            {
                if (renderingTypes.Contains(word.Value))
                    named.Add($"{Path.GetFileName(file)}: {word.Value}");
            }
        }

        Assert.Equal(["TemplateCalls.cs: SiteRoutes"], named);
    }

    [GeneratedRegex(@"//.*$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
