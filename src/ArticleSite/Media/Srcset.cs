namespace ArticleSite.Media;

/// <summary>The image candidates of a <c>srcset</c> attribute, split as the HTML standard splits them.</summary>
internal static class Srcset
{
    /// <summary>One candidate: where its URL is in the attribute's value, and its descriptor (<c>2x</c>, <c>480w</c>, or empty).</summary>
    public readonly record struct Candidate(int Start, int Length, string Descriptor);

    /// <summary>
    /// The candidates of <paramref name="value"/> in order: a URL is a run of characters without white space (commas
    /// at its end are not part of it), and its descriptor runs to the next comma outside parentheses.
    /// </summary>
    public static List<Candidate> Parse(string value)
    {
        var candidates = new List<Candidate>();
        var at = 0;
        while (true)
        {
            while (at < value.Length && (IsSpace(value[at]) || value[at] == ','))
                at++;
            if (at == value.Length)
                return candidates;
            var start = at;
            while (at < value.Length && !IsSpace(value[at]))
                at++;
            var end = at;
            var descriptor = "";
            if (value[end - 1] == ',')
            {
                while (value[end - 1] == ',')
                    end--;
            }
            else
            {
                var descriptorStart = at;
                var inParentheses = false;
                for (; at < value.Length && (inParentheses || value[at] != ','); at++)
                    inParentheses = value[at] == '(' || (inParentheses && value[at] != ')');
                descriptor = value[descriptorStart..at].Trim(Spaces);
            }
            candidates.Add(new Candidate(start, end - start, descriptor));
        }
    }

    private static readonly char[] Spaces = [' ', '\t', '\n', '\r', '\f'];

    private static bool IsSpace(char character) => character is ' ' or '\t' or '\n' or '\r' or '\f';
}
