using ArticleSite.Loading;

namespace ArticleSite.Tests;

/// <summary>Each way an article's front matter can be wrong, with the reason the writer is given: the field, its value, what was expected.</summary>
public sealed class FrontMatterProblemTests
{
    private const string Path = "/content/an-article.md";

    private static string ProblemWith(string text)
    {
        var problem = Assert.Throws<ContentException>(() => ArticleParser.Parse(text, Path));
        Assert.Equal(Path, problem.Path);
        return problem.Reason;
    }

    /// <summary>The problem with a file whose front matter is <paramref name="frontMatter"/> and a good title and date, unless it sets them.</summary>
    private static string ProblemWithField(string frontMatter)
    {
        var title = frontMatter.StartsWith("title:", StringComparison.Ordinal) ? "" : "title: A title\n";
        var date = frontMatter.StartsWith("date:", StringComparison.Ordinal) ? "" : "date: 2025-11-01\n";
        return ProblemWith($"---\n{title}{date}{frontMatter}\n---\n\nBody.\n");
    }

    public static TheoryData<string, string> WrongFields => new()
    {
        { "title: [Jekyll, Hugo]", "front matter 'title' is a list ['Jekyll', 'Hugo'], expected text" },
        { "summary: {short: yes}", "front matter 'summary' is a table {short: 'yes'}, expected text" },
        { "description: \"   \"", "front matter 'description' is empty: write it, or leave the field out" },
        { "date: tomorrow", $"front matter 'date' is 'tomorrow', expected {ArticleDate.Forms}" },
        { "date: 2025-02-30", $"front matter 'date' is '2025-02-30', expected {ArticleDate.Forms}" },
        { "date: 2025-11-01T25:00:00Z", $"front matter 'date' is '2025-11-01T25:00:00Z', expected {ArticleDate.Forms}" },
        { "date: [2025-11-01]", $"front matter 'date' is a list ['2025-11-01'], expected {ArticleDate.Forms}" },
        { "lastmod: soon", $"front matter 'lastmod' is 'soon', expected {ArticleDate.Forms}" },
        { "date: 0000-01-01", "front matter 'date' is '0000-01-01', expected a year from 0001 to 9999" },
        { "lastmod: 0000-12-31T10:00:00Z", "front matter 'lastmod' is '0000-12-31T10:00:00Z', expected a year from 0001 to 9999" },
        { "expiryDate: 9999-12-31T23:00:00-05:00", "front matter 'expiryDate' is '9999-12-31T23:00:00-05:00', expected a moment from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z once its offset is applied" },
        { "date: 0001-01-01T01:00:00+02:00", "front matter 'date' is '0001-01-01T01:00:00+02:00', expected a moment from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z once its offset is applied" },
        { "expiryDate: never", $"front matter 'expiryDate' is 'never', expected {ArticleDate.Forms}" },
        { "draft: maybe", "front matter 'draft' is 'maybe', expected true or false" },
        { "published: no", "front matter 'published' is 'no', expected true or false" },
        { "lead: [true]", "front matter 'lead' is a list ['true'], expected true or false" },
        { "tags: {go: 1}", "front matter 'tags' is a table {go: '1'}, expected text or a list of texts" },
        { "categories: [[nested]]", "front matter 'categories' is a list [a list ['nested']], expected text or a list of texts" },
        { "author: [[Ada]]", "front matter 'author' is a list [a list ['Ada']], expected text, a list of texts, or a list of tables with a 'name'" },
        { "slug: Not_A_Slug", "slug 'Not_A_Slug' must be lowercase letters, digits and single hyphens" },
        { "aliases: [\"/old?page=2\"]", "alias '/old?page=2' is not a URL path such as /2019/03/old-name/" },
        { "redirect_from: /../etc/passwd", "alias '/../etc/passwd' is not a URL path such as /2019/03/old-name/" },
        { "lang: en us", "front matter 'lang' is 'en us', expected a language tag such as en, ko or pt-BR" },
        { "cover: [a.png]", "front matter 'cover' is a list ['a.png'], expected text, or a table with 'image'" },
    };

    [Theory]
    [MemberData(nameof(WrongFields))]
    public void A_field_of_the_wrong_shape_names_the_field_its_value_and_what_was_expected(string frontMatter, string reason) =>
        Assert.Equal(reason, ProblemWithField(frontMatter));

    [Theory]
    [InlineData("---\ntitle: \"   \"\ndate: 2025-11-01\n---\n\nBody.\n", "front matter 'title' is empty: write it, or leave the field out")]
    [InlineData("---\ntitle: \"\"\ndate: 2025-11-01\n---\n\nBody.\n", "front matter 'title' is empty: write it, or leave the field out")]
    [InlineData("---\nsummary: \"\t \"\ntitle: T\ndate: 2025-11-01\n---\n\nBody.\n", "front matter 'summary' is empty: write it, or leave the field out")]
    [InlineData("---\ndate: 2025-11-01\n---\n\nBody.\n", "front matter has no 'title', and the body has no '# ' heading to take it from")]
    [InlineData("---\ntitle: T\n---\n\nBody.\n", "front matter has no 'date', and the file name has none either (as in 2025-11-01-slug.md)")]
    [InlineData("---\ntitle: T\ndate: 2025-11-01\n---\n\n# Only a heading\n", "the article has no body below its front matter")]
    [InlineData("---\ntitle: T\ndate: 2025-11-01\n", "the front matter opened by '---' on line 1 has no closing '---' line")]
    [InlineData("+++\ntitle = \"T\"\n", "the front matter opened by '+++' on line 1 has no closing '+++' line")]
    [InlineData("---\n- a\n- b\n---\n\nBody.\n", "front matter must be one YAML mapping of 'key: value' lines")]
    public void A_missing_or_empty_field_says_what_to_write(string text, string reason) =>
        Assert.Equal(reason, ProblemWith(text));

    [Fact]
    public void A_title_that_is_an_alias_of_a_list_has_the_wrong_shape_rather_than_no_title() =>
        Assert.Equal(
            "front matter 'title' is a list ['a', 'b'], expected text",
            ProblemWith("---\nnames: &names [a, b]\ntitle: *names\ndate: 2025-11-01\n---\n\nBody.\n"));

    [Fact]
    public void A_YAML_error_names_the_line_of_the_file_it_is_on()
    {
        // Line 7 of the file starts with a tab, which YAML forbids as indentation.
        var text = "---\ntitle: T\ndate: 2025-11-01\nsummary: S\nauthor: A\ntags:\n\t- go\n---\n\nBody.\n";

        Assert.Equal("line 7: front matter is not valid YAML: While scanning a mapping, found invalid tab as indentation.", ProblemWith(text));
    }

    [Fact]
    public void A_TOML_error_names_the_line_of_the_file_it_is_on() =>
        Assert.Equal("line 4: front matter is not valid TOML: Expected `=` after key but was `is`.", ProblemWith("+++\ntitle = \"T\"\ndate = 2025-11-01\nthis is no TOML\nx = 1\n+++\n\nBody.\n"));

    /// <summary>"Billion laughs": nine aliases of nine aliases… expand to billions of values from a few hundred bytes.</summary>
    private static string Laughs(bool asKeys)
    {
        var yaml = new System.Text.StringBuilder("---\ntitle: T\ndate: 2025-11-01\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            var items = string.Join(", ", Enumerable.Repeat($"*{previous}", 9));
            yaml.Append(asKeys ? $"{level}: &{level} {{{string.Join(", ", Enumerable.Range(0, 9).Select(index => $"? *{previous} : {index}"))}}}\n" : $"{level}: &{level} [{items}]\n");
        }
        return yaml.Append("---\n\nBody.\n").ToString();
    }

    [Fact]
    public void Aliases_expanding_past_the_budget_are_refused_with_the_reason()
    {
        var text = Laughs(asKeys: false);

        Assert.True(text.Length < 600);
        Assert.Equal("line 7: front matter holds more than 10,000 values once its aliases are expanded", ProblemWith(text));
    }

    [Fact]
    public void Aliases_used_as_keys_are_refused_before_any_is_expanded()
    {
        var text = Laughs(asKeys: true);

        Assert.Equal("line 5: front matter uses the alias *a as a key; a key must be written out", ProblemWith(text));
    }

    [Fact]
    public void Lists_nested_past_the_limit_are_refused_before_any_node_is_built() =>
        Assert.Equal(
            "line 3: front matter nests lists and tables more than 64 deep",
            ProblemWith($"---\ntitle: T\ntags: {new string('[', 30_000)}{new string(']', 30_000)}\n---\n\nBody.\n"));

    [Fact]
    public void TOML_arrays_nested_past_the_limit_are_refused() =>
        Assert.Equal(
            "line 4: front matter is not valid TOML: The maximum depth of 64 has been exceeded. Change TomlSerializerOptions.MaxDepth to allow deeper nesting.",
            ProblemWith($"+++\ntitle = \"T\"\ndate = 2025-11-01\ntags = {new string('[', 30_000)}{new string(']', 30_000)}\n+++\n\nBody.\n"));

    [Fact]
    public void A_list_as_a_key_is_refused() =>
        Assert.Equal("line 2: front matter uses a list or table as a key; a key must be text", ProblemWith("---\n? [a, b]\n: c\ntitle: T\n---\n\nBody.\n"));

    [Fact]
    public void Front_matter_longer_than_64_KiB_is_refused_before_it_is_parsed()
    {
        var text = "---\ntitle: T\ndate: 2025-11-01\n" + string.Concat(Enumerable.Range(0, 3000).Select(index => $"field{index}: some value here\n")) + "---\n\nBody.\n";

        Assert.Equal("the front matter is longer than 64 KiB: it holds the fields, the article goes below its closing '---' line", ProblemWith(text));
    }
}
