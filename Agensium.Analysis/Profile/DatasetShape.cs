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
    /// <summary>Lines below the table taken for notes and left out (<see cref="CsvTableReader.TrailingLines"/>).</summary>
    public IReadOnlyList<string> TrailingLines { get; init; } = [];

    public long RaggedRows => ShortRows + LongRows;

    /// <summary>
    /// The delimiter the file was read with; "none" for a file read as one column that no row split (the reader's
    /// delimiter then is only one the file does not hold, picked so its values stay whole: naming it, "tab", said the
    /// file was tab-delimited).
    /// </summary>
    public string DelimiterName => Columns == 1 && LongRows == 0 ? "none" : NameOf(Delimiter);

    public static string NameOf(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe",
        _ => delimiter.ToString(),
    };
}
