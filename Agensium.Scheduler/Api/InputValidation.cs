using System.Globalization;

namespace Agensium.Scheduler.Api;

/// <summary>Checks of ids and file names that arrive in URLs.</summary>
public static class InputValidation
{
    public const int MaxFileNameLength = 255;

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
    public static string? FileNameProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file name is empty.";
        }
        if (name.Length > MaxFileNameLength)
        {
            return $"The file name is longer than {MaxFileNameLength} characters.";
        }
        if (name.Contains('/') || name.Contains('\\'))
        {
            return "The file name may not contain path separators.";
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
