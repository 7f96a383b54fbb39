using ArticleSite.Loading;
using ArticleSite.Rendering;
using BenchmarkDotNet.Attributes;

namespace ArticleSite.Benchmarks;

/// <summary>
/// What raw HTML costs when the body is rendered: the repository's article as it is (no raw HTML: the only added work is
/// the look for HTML nodes) and with one inline tag added (the whole body then goes through the sanitizer).
/// </summary>
[MemoryDiagnoser]
public class RawHtmlBenchmarks
{
    private ParsedArticle plain = null!;
    private ParsedArticle withRawHtml = null!;

    [GlobalSetup]
    public void LoadArticles()
    {
        var markdown = File.ReadAllText(Path.Combine(RenderPipelineBenchmarks.RepositoryRoot(), "content", "lee-xi-gyeongju-summit.md"));
        plain = Load(markdown);
        withRawHtml = Load(markdown + "\nOne more line with a footnote mark<sup>1</sup>.\n");
    }

    [Benchmark(Baseline = true)]
    public string RenderBodyWithoutRawHtml() => PageRenderer.RenderBody(plain, "en");

    [Benchmark]
    public bool LookForRawHtml() => RawHtmlNodes.AnyIn(plain.Document);

    [Benchmark]
    public string RenderBodyWithRawHtml() => PageRenderer.RenderBody(withRawHtml, "en");

    private static ParsedArticle Load(string markdown) => ArticleParser.Parse(markdown, "bench.md");
}
