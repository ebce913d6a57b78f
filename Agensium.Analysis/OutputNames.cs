using System.Text;

namespace Agensium.Analysis;

/// <summary>
/// Names of the data files a tool writes ({base}_cleaned_{time}.csv, {base}_mastered_{time}.csv) within what a file
/// system takes: 255 bytes of UTF-8 for one name, the temporary name it is written under included. A longer input
/// name (possible in local mode; the API caps names at 150 bytes) failed the whole run at its end with a "path too
/// long" PROCESSING_ERROR.
/// </summary>
public static class OutputNames
{
    /// <summary>
    /// Most bytes of a name: 255 (a file name on Linux; Windows counts 255 UTF-16 units, never more than these bytes)
    /// less the ".tmp" a file is written under before it is renamed into place.
    /// </summary>
    public const int MaxNameBytes = 255 - 4;

    /// <summary>
    /// The base of a data file's name (AGENSIUM section 3: the primary's name without any cleaned_/mastered_): the name
    /// without its folder and extension, and without the leading <c>cleaned_</c>/<c>mastered_</c> prefixes (any case)
    /// an earlier run's output carries, so that cleaning a cleaned file gives <c>orders_cleaned_…</c>, not
    /// <c>cleaned_orders_cleaned_…</c>. A name that is only a prefix keeps it.
    /// </summary>
    public static string BaseOf(string name)
    {
        string stem = Path.GetFileNameWithoutExtension(Path.GetFileName(name));
        bool again = true;
        while (again)
        {
            again = false;
            foreach (string prefix in (string[])["cleaned_", "mastered_"])
            {
                if (stem.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && stem.Length > prefix.Length)
                {
                    stem = stem[prefix.Length..];
                    again = true;
                }
            }
        }

        return stem;
    }

    /// <summary>
    /// The name of a tool's data file, <c>{baseName}_{kind}_{yyyyMMdd_HHmmss}.csv</c> (kind "cleaned" or "mastered", the
    /// time in UTC), shortened by <see cref="Fit"/>.
    /// </summary>
    public static string DataFile(string baseName, string kind, DateTimeOffset utcNow) =>
        Fit(baseName, $"_{kind}_{utcNow.UtcDateTime.ToString("yyyyMMdd_HHmmss", System.Globalization.CultureInfo.InvariantCulture)}.csv");

    /// <summary><paramref name="stem"/> + <paramref name="suffix"/>, the stem cut at a character boundary when the whole would pass <see cref="MaxNameBytes"/>.</summary>
    public static string Fit(string stem, string suffix)
    {
        int room = MaxNameBytes - Encoding.UTF8.GetByteCount(suffix);
        if (Encoding.UTF8.GetByteCount(stem) <= room)
        {
            return stem + suffix;
        }

        int length = 0;
        int bytes = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > room)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return stem[..length] + suffix;
    }
}
