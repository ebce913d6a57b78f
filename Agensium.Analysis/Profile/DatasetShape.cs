using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>File-level facts the profiler learnt while reading the primary file.</summary>
internal sealed record DatasetShape(
    string FileName,
    long Rows,
    int Columns,
    char Delimiter,
    bool HasUtf8Bom,
    long ShortRows,
    long LongRows,
    long BlankLinesSkipped,
    IReadOnlyList<HeaderRename> HeaderRenames,
    IReadOnlyList<string> TitleLines,
    UnsplitRows? UnsplitRows)
{
    public long RaggedRows => ShortRows + LongRows;

    public string DelimiterName => NameOf(Delimiter);

    public static string NameOf(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe",
        _ => delimiter.ToString(),
    };
}
