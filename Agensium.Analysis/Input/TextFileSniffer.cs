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
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the file is empty, contains NUL bytes or is not valid UTF-8.</exception>
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

        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw Invalid(displayName, "it is not a text file (NUL bytes found; UTF-16 and binary files are not supported)");
        }

        string text;
        try
        {
            var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            char[] chars = new char[bytes.Length + 1];
            // flush=false keeps a multi-byte sequence cut at the sniff boundary from counting as invalid.
            int count = decoder.GetChars(bytes, chars, flush: atEnd);
            text = new string(chars, 0, count);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(displayName, "it is not valid UTF-8 text");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(displayName, "the file is empty");
        }

        return new SniffResult(hasBom, text);
    }

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
