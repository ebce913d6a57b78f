using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Sylvan.Data.Csv;

namespace Agensium.Analysis.Input;

/// <summary>
/// Where the first invalid UTF-8 byte (or NUL) of a CSV lies, for the message that refuses the file: the line a text
/// editor shows it on, and its data row counted from 0 as the reports' row_index and row messages count. The reader
/// that fails cannot say: its decoder works a buffer of 64 Ki characters ahead of the rows parsed, so the rows read when
/// it fails end up to that far before the byte. Runs only on that error path, reading the file once more up to the byte.
/// </summary>
internal static class BadBytePlace
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>
    /// "at line L (data row R, counted from 0)", or "(the header)" / "(a title line above the table)" / nothing when the
    /// row cannot be told; null when no such byte is found (the caller keeps its own wording).
    /// </summary>
    /// <param name="path">The CSV.</param>
    /// <param name="hasUtf8Bom">The file starts with a BOM.</param>
    /// <param name="nul">Look for a NUL rather than invalid UTF-8.</param>
    /// <param name="skipLines">Lines read off before the parser (comments, a "sep=" line), as <see cref="CsvTableReader"/> does.</param>
    /// <param name="titleLines">Records the reader skipped as a title above the header.</param>
    /// <param name="options">The reader's parser options.</param>
    public static string? Describe(string path, bool hasUtf8Bom, bool nul, int skipLines, int titleLines, CsvDataReaderOptions options)
    {
        long offset = nul ? FirstNul(path) : FirstInvalidUtf8(path);
        if (offset < 0)
        {
            return null;
        }

        long line = EditorLines.InFile(path, offset);
        string row = line <= skipLines ? " (a comment line above the table)" : RecordOf(path, hasUtf8Bom, offset, skipLines, options) switch
        {
            null => "",
            int r when r < titleLines => " (a title line above the table)",
            int r when r == titleLines => " (the header)",
            int r => $" (data row {r - titleLines - 1}, counted from 0)",
        };
        return $"at line {line}{row}";
    }

    /// <summary>The editor's line (from 1) of the file's first invalid UTF-8 byte, or null when it has none.</summary>
    public static long? LineOfFirstInvalidUtf8(string path) => FirstInvalidUtf8(path) is >= 0 and long offset ? EditorLines.InFile(path, offset) : null;

    private static long FirstInvalidUtf8(string path)
    {
        using var stream = File.OpenRead(path);
        byte[] bytes = new byte[ChunkBytes];
        char[] chars = new char[ChunkBytes];
        int kept = 0; // a sequence cut at the end of the last chunk, carried to the next
        long start = 0; // the file offset of bytes[0]
        while (true)
        {
            int read = stream.Read(bytes, kept, bytes.Length - kept);
            int length = kept + read;
            bool final = read == 0;
            var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out int used, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (status == OperationStatus.InvalidData)
            {
                return start + used;
            }

            if (final)
            {
                return -1;
            }

            kept = length - used;
            bytes.AsSpan(used, kept).CopyTo(bytes);
            start += used;
        }
    }

    private static long FirstNul(string path)
    {
        using var stream = File.OpenRead(path);
        byte[] bytes = new byte[ChunkBytes];
        long start = 0;
        int read;
        while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            int at = bytes.AsSpan(0, read).IndexOf((byte)0);
            if (at >= 0)
            {
                return start + at;
            }

            start += read;
        }

        return -1;
    }

    // The 0-based record (blank lines not counted, title lines and header counted) holding the byte at offset: the file
    // is parsed up to it as the reader parses it, and x" put in its place makes the record it would start or continue
    // the last one, even when it opens a line; inside a quoted value that spans lines the quote closes that value (an
    // unquoted value takes a quote as a character). Null when the text before the byte is no CSV the parser can count.
    private static int? RecordOf(string path, bool hasUtf8Bom, long offset, int skipLines, CsvDataReaderOptions options)
    {
        try
        {
            var stream = CsvTableReader.StrictText(new BoundedReadStream(File.OpenRead(path), offset), hasUtf8Bom);
            for (int i = 0; i < skipLines; i++)
            {
                stream.ReadLine();
            }

            using var csv = CsvDataReader.Create(new TextThenTail(new LoneCarriageReturnReader(stream), "x\""), options);
            int records = 0;
            while (csv.Read())
            {
                if (!CsvTableReader.IsBlankLine(csv))
                {
                    records++;
                }
            }

            return records - 1;
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    // A reader's text, then a few characters more.
    private sealed class TextThenTail(TextReader inner, string tail) : TextReader
    {
        private int _tailGiven;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int read = inner.Read(buffer);
            if (read > 0 || _tailGiven == tail.Length)
            {
                return read;
            }

            int n = Math.Min(buffer.Length, tail.Length - _tailGiven);
            tail.AsSpan(_tailGiven, n).CopyTo(buffer);
            _tailGiven += n;
            return n;
        }

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 0 ? -1 : one[0];
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
