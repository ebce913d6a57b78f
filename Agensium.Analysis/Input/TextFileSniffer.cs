using System.Text;

namespace Agensium.Analysis.Input;

/// <summary>Checks that a file is non-empty UTF-8 text before it is parsed as CSV.</summary>
public static class TextFileSniffer
{
    /// <summary>How many leading bytes are inspected for NUL bytes and invalid UTF-8.</summary>
    public const int SniffBytes = 64 * 1024;

    /// <summary>Reads the first <see cref="SniffBytes"/> bytes of <paramref name="path"/> and returns them decoded.</summary>
    /// <param name="path">Local file to inspect.</param>
    /// <param name="displayName">Name used in error messages (the original upload name).</param>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the file is empty, UTF-16, contains NUL bytes or is not valid UTF-8;
    /// the message says where (byte and line) and what to do.</exception>
    public static SniffResult Sniff(string path, string displayName)
    {
        byte[] buffer = new byte[SniffBytes];
        int read;
        bool atEnd;
        using (var stream = File.OpenRead(path))
        {
            read = ReadFully(stream, buffer);
            atEnd = read < buffer.Length || stream.Position >= stream.Length;
        }

        ReadOnlySpan<byte> bytes = buffer.AsSpan(0, read);
        bool hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (hasBom)
        {
            bytes = bytes[3..];
        }

        // Excel's "Unicode text" and other UTF-16 exports: said by name, with what to do, not as "binary" or "not UTF-8".
        if (!hasBom && (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])))
        {
            throw Invalid(displayName, $"it is UTF-16 text (byte-order mark {bytes[0]:X2} {bytes[1]:X2}, as Excel's \"Unicode text\" writes), "
                + $"which is not supported; {SaveAsUtf8}");
        }

        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw Invalid(displayName, LooksLikeUtf16(bytes)
                ? $"it looks like UTF-16 text without a byte-order mark (every other byte is NUL), which is not supported; {SaveAsUtf8}"
                : $"it is not a text file (a NUL byte at byte {nul + Offset(hasBom)}, line {Line(bytes, nul)}; binary files are not supported; "
                  + "a spreadsheet can be uploaded as .xlsx, or saved as CSV UTF-8)");
        }

        // flush only at the end of the file: a multi-byte sequence cut at the sniff boundary is not invalid.
        char[] chars = new char[bytes.Length + 1];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out int bytesRead, out int count,
            replaceInvalidSequences: false, isFinalBlock: atEnd);
        if (status == System.Buffers.OperationStatus.InvalidData)
        {
            throw Invalid(displayName, $"it is not valid UTF-8 text (byte 0x{bytes[bytesRead]:X2} at byte {bytesRead + Offset(hasBom)}, line "
                + $"{Line(bytes, bytesRead)}; a file in Latin-1 or Windows-1252, as Excel's plain \"CSV (Comma delimited)\" may write, "
                + $"gives this); {SaveAsUtf8}");
        }

        string text = new(chars, 0, count);

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(displayName, "the file is empty");
        }

        return new SniffResult(hasBom, text);
    }

    /// <summary>What a user does about a file in another encoding: the same words wherever an encoding is refused.</summary>
    public const string SaveAsUtf8 = "save it as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\") and upload it again";

    // UTF-16 text of mostly ASCII characters has a NUL in every other byte; a binary file's NULs fall anywhere.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        int pairs = Math.Min(bytes.Length, 4096) / 2;
        if (pairs < 2)
        {
            return false;
        }

        int evenNul = 0, oddNul = 0;
        for (int i = 0; i < pairs * 2; i += 2)
        {
            evenNul += bytes[i] == 0 ? 1 : 0;
            oddNul += bytes[i + 1] == 0 ? 1 : 0;
        }

        return Math.Max(evenNul, oddNul) >= pairs * 0.8 && Math.Min(evenNul, oddNul) <= pairs * 0.05;
    }

    // Byte positions are counted from the start of the file, 1-based, the BOM included.
    private static int Offset(bool hasBom) => hasBom ? 4 : 1;

    // As an editor numbers lines (LF, CRLF or a lone CR), as BadBytePlace does past the sniffed bytes.
    private static long Line(ReadOnlySpan<byte> bytes, int index) => EditorLines.LineAt(bytes, index);

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static AnalysisException Invalid(string name, string reason) =>
        new(AnalysisErrorCodes.InvalidInputFile, $"Input file '{name}' cannot be read: {reason}.");
}
