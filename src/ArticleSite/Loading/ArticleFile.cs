using System.Text;

namespace ArticleSite.Loading;

/// <summary>Reads one Markdown file into an <see cref="Article"/>, or says by file name why it cannot be published.</summary>
public static class ArticleFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Article Load(string path)
    {
        string markdown;
        try
        {
            var bytes = File.ReadAllBytes(path);
            markdown = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ContentException(path, "not valid UTF-8");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContentException(path, $"cannot be read: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(markdown))
            throw new ContentException(path, "the file is empty");

        return ArticleParser.Parse(markdown, path);
    }
}
