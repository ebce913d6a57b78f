using System.Runtime.CompilerServices;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The message of a row-level issue, built from its interpolated string only while the report still keeps entries:
/// every issue is counted, but past the cap (1000) nobody reads the message, and agents log hundreds of thousands.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RowIssueMessage
{
    private DefaultInterpolatedStringHandler _text;

    public RowIssueMessage(int literalLength, int formattedCount, CleanReport report, out bool build)
    {
        build = report.Log.HasRoom;
        _text = build ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
