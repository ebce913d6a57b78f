using System.Globalization;

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

    private static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF';
}
