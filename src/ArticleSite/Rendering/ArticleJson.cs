using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArticleSite.Rendering;

/// <summary>The article as JSON (<c>/article.json</c>): its metadata and its body as typed blocks of plain text.</summary>
internal sealed record ArticleJson(
    string Title,
    string Summary,
    DateOnly Date,
    string? Source,
    string? Section,
    string Language,
    DateOnly? Updated,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Tags,
    int WordCount,
    int ReadingTimeMinutes,
    string CanonicalUrl,
    IReadOnlyList<ArticleJsonSection> Sections,
    IReadOnlyList<ArticleBlock> Blocks);

/// <summary>
/// One section of the article: its heading (null before the first heading) and the text of its paragraphs (in lists,
/// quotations and tables too, without their markers). Kept as it was for the clients that read it; <c>blocks</c> has the whole body.
/// </summary>
internal sealed record ArticleJsonSection(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>One block of the article's body, in reading order; <c>type</c> says which.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeadingBlockJson), "heading")]
[JsonDerivedType(typeof(ParagraphBlockJson), "paragraph")]
[JsonDerivedType(typeof(ListBlockJson), "list")]
[JsonDerivedType(typeof(QuoteBlockJson), "quote")]
[JsonDerivedType(typeof(NoteBlockJson), "note")]
[JsonDerivedType(typeof(CodeBlockJson), "code")]
[JsonDerivedType(typeof(TableBlockJson), "table")]
[JsonDerivedType(typeof(FigureBlockJson), "figure")]
[JsonDerivedType(typeof(FootnotesBlockJson), "footnotes")]
[JsonDerivedType(typeof(RuleBlockJson), "rule")]
internal abstract record ArticleBlock;

/// <summary>A heading of level 1 to 6, its text plain.</summary>
internal sealed record HeadingBlockJson(int Level, string Text) : ArticleBlock;

/// <summary>A paragraph as plain text; a footnote reference as [1].</summary>
internal sealed record ParagraphBlockJson(string Text) : ArticleBlock;

/// <summary>A bulleted or numbered list; <c>start</c> is the first item's number (null for bullets).</summary>
internal sealed record ListBlockJson(bool Ordered, int? Start, IReadOnlyList<ListItemJson> Items) : ArticleBlock;

/// <summary>One item of a list: its blocks; <c>checked</c> true or false for a task list item, else null.</summary>
internal sealed record ListItemJson(bool? Checked, IReadOnlyList<ArticleBlock> Blocks);

/// <summary>A block quotation and the blocks it holds.</summary>
internal sealed record QuoteBlockJson(IReadOnlyList<ArticleBlock> Blocks) : ArticleBlock;

/// <summary>
/// A note (GitHub's <c>&gt; [!WARNING]</c>, markdown-it's <c>:::warning</c>): its kind (note, tip, important, warning,
/// caution), its label in the article's language ("Warnung") and its blocks.
/// </summary>
internal sealed record NoteBlockJson(string Kind, string Label, IReadOnlyList<ArticleBlock> Blocks) : ArticleBlock;

/// <summary>A code block, verbatim, with the language its fence names (null if none).</summary>
internal sealed record CodeBlockJson(string? Language, string Text) : ArticleBlock;

/// <summary>A table: each column's alignment ("left", "center", "right" or null), the header's cells and each row's, as plain text.</summary>
internal sealed record TableBlockJson(IReadOnlyList<string?> Align, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ArticleBlock;

/// <summary>A picture with its alt text and caption; width and height in pixels where the site knows them, else null.</summary>
internal sealed record FigureBlockJson(string Src, string Alt, string? Caption, int? Width, int? Height) : ArticleBlock;

/// <summary>The article's notes, at its end, each with the number its references show.</summary>
internal sealed record FootnotesBlockJson(IReadOnlyList<FootnoteJson> Notes) : ArticleBlock;

/// <summary>One note: its number and its blocks.</summary>
internal sealed record FootnoteJson(int Number, IReadOnlyList<ArticleBlock> Blocks);

/// <summary>A thematic break between parts of the article.</summary>
internal sealed record RuleBlockJson : ArticleBlock;

/// <summary>Source-generated serialization of <see cref="ArticleJson"/>, so no reflection is needed (Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ArticleJson))]
internal sealed partial class ArticleJsonContext : JsonSerializerContext;
