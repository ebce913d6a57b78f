using Agensium.Analysis.Input;
using System.Text;

namespace Agensium.Analysis.Master;

/// <summary>Writes a <see cref="MasterTable"/> as RFC 4180 CSV (CRLF, quoted when needed), UTF-8 without BOM, atomically.</summary>
public static class MasterCsvWriter
{
    /// <summary>Writes to a temporary file next to <paramref name="path"/> and renames it into place.</summary>
    public static void Write(MasterTable table, string path)
    {
        string temp = path + ".tmp";
        try
        {
            using (var writer = new StreamWriter(LocalWrite.CreateFile(temp, FileShare.Read), new UTF8Encoding(false), 1 << 16))
            {
                WriteRow(writer, table.Columns);
                var row = new string[table.Columns.Count];
                for (int r = 0; r < table.RowCount; r++)
                {
                    for (int c = 0; c < row.Length; c++)
                    {
                        row[c] = table[r, c];
                    }

                    WriteRow(writer, row);
                }
            }

            LocalWrite.Move(temp, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }
    }

    /// <summary>One field as RFC 4180: quoted (quotes doubled) when it holds a comma, quote, CR, LF or edge spaces.</summary>
    public static string Escape(string value)
    {
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void WriteRow(StreamWriter writer, IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Escape(cells[i]));
        }

        writer.Write("\r\n");
    }
}
