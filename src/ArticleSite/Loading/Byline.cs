using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>One author: the name a reader reads, the address the byline links it to, and what the byline says beside it.</summary>
/// <param name="Affiliation">What follows the name in parentheses, e.g. "Microsoft" in "Trask Stalnaker (Microsoft)".</param>
/// <param name="Tagline">What follows the person after a comma or dash, e.g. "cache smasher".</param>
public sealed record Person(string Name, string? Url = null, string? Affiliation = null, string? Tagline = null)
{
    /// <summary>The person as the byline shows them: "Trask Stalnaker (Microsoft)", "Leszek Swirski, cache smasher".</summary>
    public string Display => Name + (Affiliation is null ? "" : $" ({Affiliation})") + (Tagline is null ? "" : $", {Tagline}");
}

/// <summary>
/// Reads a byline as writers type it for other tools into its people. Names are separated by commas, "and" and "&amp;"
/// outside parentheses and link text ("A, B, and C", "A and B", "A (X, Y)"). A Markdown link gives the name its text
/// and the person its URL, as does a handle in parentheses ("Ada ([@ada](https://…))"); other words in parentheses are
/// the person's affiliation. What is not a name stays with the person before it as a tagline: text after a dash, text
/// after a comma that follows the name joined by "and" ("A and B, parsers"), a part that reads as a job title rather
/// than a name (<see cref="IsJobTitle"/>: "Ada, cache smasher", "Ada, Software Engineer and TurboFan Mechanic"), and a
/// label before a colon ("the jank busters: A and B"). Any other part is a name: "Thibaud Michaud, Thomas Lively" are two.
/// </summary>
internal static partial class Byline
{
    public static IReadOnlyList<Person> Parse(string byline)
    {
        var text = byline.Trim();
        if (text.Length == 0)
            return [];
        string? label = null;
        if (TopLevelIndex(text, ": ") is var colon and > 0)
            (label, text) = (text[..colon], text[(colon + 2)..]);
        string? dashTagline = null;
        foreach (var dash in (string[])[" — ", " – ", " - "])
        {
            if (TopLevelIndex(text, dash) is var at and > 0)
            {
                (text, dashTagline) = (text[..at], text[(at + dash.Length)..]);
                break;
            }
        }

        // Each part, whether "and" joins it to the one before, and whether that "and" is inside its comma part ("B and C").
        var parts = new List<(string Text, bool AfterAnd, bool AndWithin)>();
        foreach (var commaPart in SplitTopLevel(text, ","))
        {
            var pieces = SplitAnd(commaPart);
            for (var index = 0; index < pieces.Count; index++)
            {
                var (piece, afterAnd) = pieces[index];
                if (piece.Length > 0)
                    parts.Add((piece, afterAnd || index > 0, index > 0));
            }
        }

        var people = new List<Person>();
        var lastWasAnd = false;
        var lastWasTagline = false;
        foreach (var (part, afterAnd, andWithin) in parts)
        {
            var plain = PlainText(part);
            if (people.Count > 0 && andWithin && lastWasTagline)
                people[^1] = people[^1] with { Tagline = $"{people[^1].Tagline} and {plain}" };
            // After "and" a part is a new person ("and DevTools warrior Alexey Kozyatinskiy") unless it starts in lowercase.
            else if (people.Count > 0 && (StartsLowercase(plain) || (!afterAnd && (lastWasAnd || IsJobTitle(plain)))))
                people[^1] = WithTagline(people[^1], plain);
            else
            {
                people.Add(PersonOf(part));
                lastWasAnd = afterAnd;
                lastWasTagline = false;
                continue;
            }
            lastWasTagline = true;
        }
        foreach (var tagline in new[] { dashTagline, label }.OfType<string>())
        {
            if (people.Count > 0 && PlainText(tagline) is { Length: > 0 } plain)
                people[^1] = WithTagline(people[^1], plain);
        }
        return people;
    }

    private static Person WithTagline(Person person, string tagline) =>
        person with { Tagline = person.Tagline is null ? tagline : $"{person.Tagline}, {tagline}" };

    private static Person PersonOf(string part)
    {
        string? url = null;
        string? affiliation = null;
        var name = part;
        if (TrailingParentheses().Match(part) is { Success: true, Index: > 0 } parenthesised && part[parenthesised.Index - 1] != ']')
        {
            name = part[..parenthesised.Index];
            var inner = parenthesised.Groups["inner"].Value;
            if (Link().Match(inner) is { Success: true } handle && handle.Groups["text"].Value.StartsWith('@'))
                url = WebAddress(handle.Groups["url"].Value);
            else
                affiliation = PlainText(inner);
        }
        // A handle written after the name without parentheses: "Benedikt Meurer [@bmeurer](https://…)".
        foreach (Match link in Link().Matches(name))
        {
            if (link.Groups["text"].Value.StartsWith('@'))
            {
                url ??= WebAddress(link.Groups["url"].Value);
                name = name.Remove(link.Index, link.Length);
                break;
            }
        }
        if (Link().Match(name) is { Success: true } named && WebAddress(named.Groups["url"].Value) is { } address)
            url = address;
        var plain = PlainText(name);
        return new Person(plain.Length > 0 ? plain : PlainText(part), url, affiliation is { Length: > 0 } ? affiliation : null);
    }

    private static string? WebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" ? address.AbsoluteUri : null;

    /// <summary>The text a reader reads: links as their text, no emphasis marks or HTML tags.</summary>
    private static string PlainText(string markdown)
    {
        var document = Markdown.Parse(markdown);
        var text = document.FirstOrDefault() is ParagraphBlock paragraph ? InlineText.Of(paragraph.Inline) : markdown;
        return WhiteSpace().Replace(text, " ").Trim().Trim(',', ' ');
    }

    private static bool StartsLowercase(string text) => text.Length > 0 && char.IsLower(text[0]);

    /// <summary>
    /// Whether a part of a byline says what someone is rather than who: it starts with an article ("The Big Short"),
    /// has a digit ("V8 Ignition Jump Starter"), a word in lowercase that is no name's particle ("cache smasher",
    /// "Optimizer of Proxies"; "van" in "Ludwig van Beethoven" is a name's), or a word that names a role
    /// ("Software Engineer", "Laziness Expert"). Names are capitalised words, so "Thomas Lively" is a name.
    /// </summary>
    internal static bool IsJobTitle(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0
            && (Articles.Contains(words[0])
                || part.Any(char.IsAsciiDigit)
                || words.Any(word => char.IsLower(word[0]) && !NameParticles.Contains(word))
                || words.Any(word => RoleWords.Contains(word.TrimEnd('s'))));
    }

    private static readonly HashSet<string> Articles = new(["the", "a", "an"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> NameParticles = new(
        ["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "le", "la", "bin", "ibn", "al", "el", "ten", "ter", "y"],
        StringComparer.Ordinal);

    // Words of job titles that are nobody's name; surnames that are also trades (Baker, Brewer, Miller) are left out.
    private static readonly HashSet<string> RoleWords = new(
        ["engineer", "developer", "programmer", "mechanic", "manager", "director", "editor", "writer", "reporter",
            "correspondent", "columnist", "producer", "designer", "researcher", "scientist", "architect", "intern",
            "maintainer", "founder", "officer", "expert", "enthusiast", "janitor", "liberator", "patcher", "sorcerer",
            "cacher", "wrangler", "collector", "starter", "juggler", "optimizer", "team", "contributor", "staff"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The part split at " and " and " &amp; " outside parentheses and brackets; each after the first is joined by one.</summary>
    private static List<(string Text, bool AfterAnd)> SplitAnd(string part)
    {
        var pieces = new List<(string, bool)>();
        var text = part.Trim();
        var afterAnd = false;
        if (LeadingAnd().Match(text) is { Success: true } leading)
            (text, afterAnd) = (text[leading.Length..], true);
        while (true)
        {
            var and = TopLevelIndex(text, " and ");
            var ampersand = TopLevelIndex(text, " & ");
            var (at, length) = and >= 0 && (ampersand < 0 || and < ampersand) ? (and, 5) : (ampersand, 3);
            if (at < 0)
                break;
            pieces.Add((text[..at].Trim(), afterAnd));
            (text, afterAnd) = (text[(at + length)..], true);
        }
        pieces.Add((text.Trim(), afterAnd));
        return pieces;
    }

    private static List<string> SplitTopLevel(string text, string separator)
    {
        var parts = new List<string>();
        while (TopLevelIndex(text, separator) is var at and >= 0)
        {
            parts.Add(text[..at].Trim());
            text = text[(at + separator.Length)..];
        }
        parts.Add(text.Trim());
        return parts;
    }

    /// <summary>Where <paramref name="value"/> first occurs outside parentheses, brackets and HTML tags; -1 if nowhere.</summary>
    private static int TopLevelIndex(string text, string value)
    {
        var depth = 0;
        for (var index = 0; index < text.Length; index++)
        {
            if (depth == 0 && string.CompareOrdinal(text, index, value, 0, value.Length) == 0)
                return index;
            depth += text[index] switch
            {
                '(' or '[' or '<' => 1,
                ')' or ']' or '>' when depth > 0 => -1,
                _ => 0,
            };
        }
        return -1;
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex Link();

    // The last parenthesised group, ending the part (nested once for a link inside it).
    [GeneratedRegex(@"\s*\((?<inner>(?:[^()]|\([^()]*\))*)\)\s*\z")]
    private static partial Regex TrailingParentheses();

    [GeneratedRegex(@"^(?:and|&)\s+")]
    private static partial Regex LeadingAnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
