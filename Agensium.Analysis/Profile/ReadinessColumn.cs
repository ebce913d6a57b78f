
namespace Agensium.Analysis.Profile;

/// <summary>Streaming counters of one column for the readiness rater.</summary>
internal sealed class ReadinessColumn(string name, bool unnamed)
{
    public string Name { get; } = name;

    /// <summary>Header starts with "Unnamed" (pandas' name for an empty header) or was empty and renamed column_N.</summary>
    public bool Unnamed { get; } = unnamed;

    public long NonNull { get; private set; }
    public long NumericLike { get; private set; }
    public string? FirstValue { get; private set; }

    public bool AllNull => NonNull == 0;

    /// <summary>A column with values that are not all numbers.</summary>
    public bool IsText => NonNull > 0 && NumericLike < NonNull;

    /// <summary>Text column whose first non-null value contains a digit.</summary>
    public bool Inconsistent => IsText && FirstValue!.Any(char.IsAsciiDigit);

    /// <summary>Text column with 0 &lt; numeric-like% &lt; 30.</summary>
    public bool MixedText => IsText && ReadinessScoring.IsMixedText(NumericLike, NonNull);

    public void Add(ReadOnlySpan<char> value)
    {
        if (TableScan.IsNull(value))
        {
            return;
        }

        NonNull++;
        FirstValue ??= value.Trim().ToString();
        // A whole number up to 19 digits is an Int64 column to the original's Polars, though too long for a double
        // to hold exactly (NumberText's rule for statistics): an account number column is numeric, not "inconsistent" text.
        if (NumberText.TryParse(value, out _)
            || long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowLeadingWhite
                | System.Globalization.NumberStyles.AllowTrailingWhite, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            NumericLike++;
        }
    }
}
