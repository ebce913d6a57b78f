using System.Globalization;
using System.Text;

namespace Agensium.Scheduler.Api;

/// <summary>Checks of ids and file names that arrive in URLs.</summary>
public static class InputValidation
{
    /// <summary>
    /// Longest file name in bytes of UTF-8. S3 allows 1024-byte keys, but S3-compatible stores that keep each key as a
    /// file (s3rver, MinIO in file mode) add their own suffixes to a name that a file system limits to 255 bytes.
    /// </summary>
    public const int MaxFileNameBytes = 150;

    /// <summary>
    /// Longest name of a file the service wrote (an output is named after its input: 150 bytes, plus
    /// "_mastered_yyyyMMdd_HHmmss.csv"), checked when one is asked for.
    /// </summary>
    public const int MaxStoredNameBytes = 255;

    /// <summary>A task id is a UUID in its 36-character form; returns it lower-cased.</summary>
    public static bool TryParseTaskId(string raw, out string taskId)
    {
        taskId = "";
        if (raw.Length != 36 || !Guid.TryParseExact(raw, "D", out var id))
        {
            return false;
        }
        taskId = id.ToString("D", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Returns why a file name is refused, or null when it is fine.</summary>
    /// <param name="name">The name as it arrived (decoded).</param>
    /// <param name="maxBytes">The limit: <see cref="MaxFileNameBytes"/> for an upload, <see cref="MaxStoredNameBytes"/> for a file asked for.</param>
    public static string? FileNameProblem(string name, int maxBytes = MaxFileNameBytes)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file name is empty.";
        }
        if (System.Text.Encoding.UTF8.GetByteCount(name) > maxBytes)
        {
            return $"The file name is longer than {maxBytes} bytes (UTF-8).";
        }
        if (name.Contains('/') || name.Contains('\\')
            || name.Contains("%2F", StringComparison.OrdinalIgnoreCase) || name.Contains("%5C", StringComparison.OrdinalIgnoreCase))
        {
            // An encoded slash stays %2F in a route value, and x%252Fy.csv arrives as x%2Fy.csv: both refused, so two
            // different requests never meet on one stored name.
            return "The file name may not contain path separators (nor %2F or %5C).";
        }
        if (name.Contains("..", StringComparison.Ordinal) || name == ".")
        {
            return "The file name may not contain '..'.";
        }
        if (name.Any(c => char.IsControl(c) || IsBidiControl(c)))
        {
            return "The file name may not contain control or text-direction characters.";
        }
        if (name != name.Trim())
        {
            return "The file name may not start or end with white space.";
        }
        return null;
    }

    /// <summary>
    /// Returns why an uploaded file's name could not be stored as a file on every node, or null when it can. A job
    /// downloads its inputs into a work folder under their uploaded names, and any node of the cluster may run it: on a
    /// Windows node, <c>a:b.csv</c> would be an alternate data stream of a file <c>a</c>, <c>a.csv.</c> is <c>a.csv</c>,
    /// and <c>CON.csv</c> is the console device. Checked at upload only: names already stored stay readable.
    /// </summary>
    public static string? PortableNameProblem(string name)
    {
        if (name.AsSpan().IndexOfAny(WindowsForbidden) >= 0)
        {
            return "The file name may not contain < > : \" | ? * (a Windows node cannot store such a file).";
        }
        if (name.EndsWith('.'))
        {
            return "The file name may not end with a dot (Windows drops it, and the name would become another file's).";
        }
        var stem = name.Split('.')[0].TrimEnd(' ');
        if (ReservedDeviceNames.Contains(stem))
        {
            return $"The file name may not be, or start with, the device name {stem.ToUpperInvariant()} (CON, PRN, AUX, NUL, CONIN$, CONOUT$, COM0–COM9, LPT0–LPT9 are devices on Windows, whatever the extension).";
        }
        return null;
    }

    /// <summary>
    /// Returns why an uploaded name holds a percent escape that is not UTF-8, or null when it holds none. The server
    /// decodes a path's escapes only where they spell UTF-8 and leaves the rest as they are: PUT …/inputs/%FF.csv was
    /// stored as the name "%FF.csv", the name PUT …/inputs/%25FF.csv gives too, so two different requests met on one
    /// stored name (as %2F and %252F would). Both are refused; a name with a percent sign that escapes UTF-8, such as
    /// "%41.csv" (sent as %2541.csv, since %41 arrives as "A"), or none at all ("100%.csv"), is kept. Checked at upload
    /// only: names already stored stay readable.
    /// </summary>
    public static string? UndecodedEscapeProblem(string name)
    {
        var bytes = new List<byte>();
        for (var i = 0; i <= name.Length; i++)
        {
            if (i + 2 < name.Length && name[i] == '%' && IsHex(name[i + 1]) && IsHex(name[i + 2]))
            {
                bytes.Add(byte.Parse(name.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }
            // A run of escapes ends: it must spell whole UTF-8 characters.
            if (bytes.Count > 0 && !IsUtf8(bytes.ToArray()))
            {
                return "The file name holds a percent escape that is not UTF-8 (such as %FF); escape the name's UTF-8 bytes.";
            }
            bytes.Clear();
        }
        return null;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether two different names are one name to a reader: they differ only in letter case (one file on a
    /// case-insensitive file system, Windows and macOS by default: an upload of <c>data.csv</c> to a task holding
    /// <c>Data.csv</c> would overwrite it in a Windows node's work folder) or in Unicode form (<c>été.csv</c> with a
    /// precomposed é and with e + a combining acute look the same, and macOS stores both as one file), compared in form C.
    /// </summary>
    public static bool LookAlike(string a, string b) =>
        !string.Equals(a, b, StringComparison.Ordinal)
        && string.Equals(Agensium.Analysis.Common.ComposedText.Of(a), Agensium.Analysis.Common.ComposedText.Of(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns why an uploaded name holds an invisible format character (Unicode category Cf: a zero-width space U+200B,
    /// a soft hyphen U+00AD, a word joiner U+2060, a text-direction mark …), or null when it holds none: <c>data​.csv</c>
    /// with a zero-width space looks like <c>data.csv</c> and would be a second file of the task. A zero-width non-joiner
    /// or joiner (U+200C, U+200D) between two visible characters is part of how a word is written (Persian, Indic
    /// scripts, emoji sequences) and is kept. Checked at upload only: names already stored stay readable.
    /// </summary>
    public static string? InvisibleCharacterProblem(string name)
    {
        int at = 0;
        Rune previous = default;
        var runes = name.EnumerateRunes().ToList();
        for (int i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
                && !(rune.Value is 0x200C or 0x200D && i > 0 && i < runes.Count - 1 && IsVisible(previous) && IsVisible(runes[i + 1])))
            {
                return $"The file name may not contain invisible characters: U+{rune.Value:X4} at character {at + 1} is a format character (Unicode category Cf, such as a zero-width space or a text-direction mark), so the name would look like another one.";
            }
            at += rune.Utf16SequenceLength;
            previous = rune;
        }
        return null;
    }

    private static bool IsVisible(Rune rune) =>
        !Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.Control);

    private static readonly System.Buffers.SearchValues<char> WindowsForbidden = System.Buffers.SearchValues.Create("<>:\"|?*");

    private static readonly HashSet<string> ReservedDeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "LPT0",
         "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
         "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3"],
        StringComparer.OrdinalIgnoreCase);

    private static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF';
}
