namespace ArticleSite.Tests.Support;

/// <summary>The reporter's article as received: one paragraph a line, five heading lines, then the source site's promo line and comment counter.</summary>
public static class SourceArticle
{
    public static readonly string[] Headings =
    [
        "Xi Jinping Calls for Mutual Respect and Cooperation",
        "North Korea Rejects Dialogue Overtures",
        "Economic and Political Challenges Persist",
        "Trade Sanctions and Security Concerns Discussed",
        "Looking Ahead",
    ];

    /// <summary>Quotations that must reach readers exactly as the reporter wrote them.</summary>
    public static readonly string[] Quotations =
    [
        "“I am encouraged by recent conditions that may allow re-engagement with North Korea. I hope South Korea and China will strengthen strategic communication to restore dialogue and regional stability.”",
        "‘pipe dream,’",
        "“respect each other’s social systems, core interests, and handle differences through friendly consultation,”",
        "“hostile entity”",
        "“willingness to cooperate on peace and stability in the Korean Peninsula,”",
        "“South Korea belongs to South Korea”",
        "“China Out.”",
        "“protect liberal democracy”",
        "“security risks”",
        "“productive”",
        "The Lee–Xi summit",
        "strategic imperatives — though",
        "Hanwha Ocean (042660.KS)",
        "the U.S. and china while",
    ];

    private static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.SourceArticle);

    /// <summary>The article's lines, without the source site's promo line and "COMMENTS 0" counter.</summary>
    public static IReadOnlyList<string> ArticleLines { get; } = Lines[..^2];

    public static IReadOnlyList<string> Paragraphs { get; } = [.. ArticleLines.Where(line => !Headings.Contains(line))];

    public static string PromoLine => Lines[^2];

    public static string CommentCounter => Lines[^1];
}
