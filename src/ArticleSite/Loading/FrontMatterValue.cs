namespace ArticleSite.Loading;

/// <summary>One front matter value as written, whichever format (YAML or TOML) it came in: text, a list or a table.</summary>
internal abstract record FrontMatterValue
{
    /// <summary>The value as a problem message quotes it, cut short when long.</summary>
    public string Quoted()
    {
        var written = Written();
        return written.Length <= 80 ? written : written[..77] + "…";
    }

    protected abstract string Written();
}

/// <summary>A scalar: text, or a number, flag or date as its text.</summary>
internal sealed record FrontMatterText(string Text) : FrontMatterValue
{
    protected override string Written() => $"'{Text}'";
}

/// <summary>A list (YAML sequence, TOML array).</summary>
internal sealed record FrontMatterList(IReadOnlyList<FrontMatterValue> Items) : FrontMatterValue
{
    protected override string Written() => $"a list [{string.Join(", ", Items.Select(item => item.Quoted()))}]";
}

/// <summary>A table of named values (YAML mapping, TOML table).</summary>
internal sealed record FrontMatterTable(IReadOnlyDictionary<string, FrontMatterValue> Fields) : FrontMatterValue
{
    protected override string Written() => $"a table {{{string.Join(", ", Fields.Select(field => $"{field.Key}: {field.Value.Quoted()}"))}}}";
}
