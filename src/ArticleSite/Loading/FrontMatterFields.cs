namespace ArticleSite.Loading;

/// <summary>
/// The fields of one article's front matter, looked up by any of the names the common tools give them (Hugo, Jekyll,
/// Zola, Astro, Eleventy), case-insensitively. A field of the wrong shape is a problem naming field, value and expectation.
/// </summary>
internal sealed class FrontMatterFields(IReadOnlyDictionary<string, FrontMatterValue> fields, string path)
{
    public static FrontMatterFields None(string path) => new(new Dictionary<string, FrontMatterValue>(), path);

    /// <summary>The first of <paramref name="names"/> that is present, with its value.</summary>
    private (string Name, FrontMatterValue Value)? Find(string[] names)
    {
        foreach (var name in names)
            if (fields.TryGetValue(name, out var value))
                return (name, value);
        return null;
    }

    private ContentException WrongShape(string name, FrontMatterValue value, string expected) =>
        new(path, $"front matter '{name}' is {value.Quoted()}, expected {expected}");

    /// <summary>Text, trimmed; null when absent. Whitespace alone is refused as an empty value.</summary>
    public string? Text(params string[] names)
    {
        if (Find(names) is not ({ } name, { } value))
            return null;
        if (value is not FrontMatterText { Text: var text })
            throw WrongShape(name, value, "text");
        return string.IsNullOrWhiteSpace(text)
            ? throw new ContentException(path, $"front matter '{name}' is empty: write it, or leave the field out")
            : text.Trim();
    }

    /// <summary>A date or date-time; null when absent.</summary>
    public ArticleDate? Date(params string[] names)
    {
        if (Find(names) is not ({ } name, { } value))
            return null;
        string? outOfRange = null;
        return value is FrontMatterText { Text: var text } && ArticleDate.TryParse(text, out var date, out outOfRange)
            ? date
            : throw WrongShape(name, value, outOfRange ?? ArticleDate.Forms);
    }

    /// <summary>true or false; null when absent.</summary>
    public bool? Flag(string name)
    {
        if (Find([name]) is not (_, { } value))
            return null;
        return value is FrontMatterText { Text: var text } && bool.TryParse(text.Trim(), out var flag)
            ? flag
            : throw WrongShape(name, value, "true or false");
    }

    /// <summary>
    /// Every value of all the named fields, in order, without repeats: each field one text (several separated by commas)
    /// or a list of texts. With <paramref name="nameKey"/>, a list item may also be a table whose field of that name is
    /// taken (Hugo and Jekyll themes write authors as <c>{name: …}</c>). Without <paramref name="splitCommas"/>, each text is kept whole.
    /// </summary>
    public IReadOnlyList<string> Texts(string[] names, string? nameKey = null, bool splitCommas = true)
    {
        var texts = new List<string>();
        foreach (var name in names)
        {
            if (!fields.TryGetValue(name, out var value))
                continue;
            IEnumerable<FrontMatterValue> items = value is FrontMatterList list ? list.Items : [value];
            foreach (var item in items)
            {
                var text = item switch
                {
                    FrontMatterText scalar => scalar.Text,
                    FrontMatterTable table when nameKey is not null && table.Fields.TryGetValue(nameKey, out var named) && named is FrontMatterText scalar => scalar.Text,
                    _ => throw WrongShape(name, value, nameKey is null ? "text or a list of texts" : $"text, a list of texts, or a list of tables with a '{nameKey}'"),
                };
                foreach (var part in splitCommas ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text.Trim()])
                    if (!texts.Contains(part, StringComparer.OrdinalIgnoreCase))
                        texts.Add(part);
            }
        }
        return texts;
    }

    /// <summary>Text, or a table whose field named <paramref name="key"/> is text (Hugo themes' <c>cover: {image: …}</c>); null when absent.</summary>
    public string? TextOrTableField(string key, params string[] names)
    {
        if (Find(names) is not ({ } name, { } value))
            return null;
        return value switch
        {
            FrontMatterText { Text: var text } when !string.IsNullOrWhiteSpace(text) => text.Trim(),
            FrontMatterTable table when table.Fields.TryGetValue(key, out var inner) && inner is FrontMatterText { Text: var text } && !string.IsNullOrWhiteSpace(text) => text.Trim(),
            _ => throw WrongShape(name, value, $"text, or a table with '{key}'"),
        };
    }
}
