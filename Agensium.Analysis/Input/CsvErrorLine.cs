using System.Text;
using Sylvan.Data.Csv;

namespace Agensium.Analysis.Input;

/// <summary>
/// The line of a text file, as <see cref="EditorLines"/> numbers them (from 1), on which the record the CSV parser
/// refuses (a stray quote, a row too long) starts. The parser's own RowNumber counts records, not lines: a file's
/// comment lines, its blank lines and the line breaks inside quoted values all put it off the line a text editor shows,
/// and the reports' row_index counts data rows from 0, a third numbering. Runs only on that error path, reading the file
/// once more up to the record.
/// </summary>
internal static class CsvErrorLine
{
    /// <summary>
    /// The line the refused record starts on, or null when reading the file again does not fail (the caller then keeps
    /// the parser's own count).
    /// </summary>
    /// <param name="path">The CSV.</param>
    /// <param name="hasUtf8Bom">The file starts with a BOM.</param>
    /// <param name="skipLines">Lines read off before the parser (comments, a "sep=" line).</param>
    /// <param name="options">The reader's parser options.</param>
    public static long? Find(string path, bool hasUtf8Bom, int skipLines, CsvDataReaderOptions options)
    {
        long line = skipLines + 1;
        try
        {
            using var stream = CsvTableReader.StrictText(File.OpenRead(path), hasUtf8Bom);
            for (int i = 0; i < skipLines; i++)
            {
                stream.ReadLine();
            }

            using var csv = CsvDataReader.Create(new LoneCarriageReturnReader(stream), options);
            while (csv.Read())
            {
                line += 1 + LineEndsWithin(csv.GetRawRecordSpan());
            }

            return null;
        }
        catch (CsvFormatException)
        {
            return line;
        }
        catch (Exception e) when (e is DecoderFallbackException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    // The line ends inside a record's text (quoted values that hold line breaks), its own ending left out: CRLF, a lone
    // CR and LF each end one line.
    private static int LineEndsWithin(ReadOnlySpan<char> record)
    {
        record = record.TrimEnd("\r\n");
        int ends = 0;
        for (int i = 0; i < record.Length; i++)
        {
            if (record[i] == '\n' || (record[i] == '\r' && (i + 1 == record.Length || record[i + 1] != '\n')))
            {
                ends++;
            }
        }

        return ends;
    }
}
