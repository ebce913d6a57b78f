using System.Text;
using System.Text.Json;

namespace Agensium.Analysis.Input;

/// <summary>
/// Converts a JSON data file into a CSV beside it, as AGENSIUM section 2 does (".json [is] converted to CSV and
/// renamed .csv"). Accepted shapes: a list of records (<c>[{...}, {...}]</c>, read as a stream), JSON Lines (one record
/// per line), or an object whose only list is the records (<c>{"data": [{...}]}</c>). Columns are every key seen, in
/// the order first seen; a nested object's keys become <c>parent.child</c> columns; a list stays as its JSON text;
/// numbers keep their digits as written; null and a missing key are empty cells.
/// </summary>
public static class JsonToCsv
{
    /// <summary>Largest file read whole (a wrapped list); lists and JSON Lines are streamed at any size.</summary>
    private const long WholeFileLimit = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions StreamOptions = new() { AllowTrailingCommas = false };

    /// <summary>Writes the CSV to <paramref name="csvPath"/> and returns the input it stands for, renamed to .csv.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the file is not JSON or not a list of records.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (a time limit, a cancel); checked every record.</exception>
    /// <exception cref="IOException">When the CSV cannot be written (no space left on the device): the local disk's failure; no CSV is left.</exception>
    public static InputFile Convert(InputFile input, string csvPath, CancellationToken cancellationToken = default)
    {
        try
        {
            var records = RecordsOf(input);
            // A column is known by its path (keys joined by a separator no key holds) and shown as parent.child; a
            // literal "a.b" key and a nested {"a": {"b": …}} are two columns of one name, which the CSV reader makes
            // unique as it does a repeated header (the one seen second becomes a.b_2, listed in renamed_headers).
            var columns = new List<string>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            long count = 0;
            foreach (var record in records())
            {
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                Collect(record, "", "", columns, index);
            }

            if (count == 0)
            {
                throw Invalid(input, "it holds no records");
            }

            if (columns.Count == 0)
            {
                throw Invalid(input, "its records hold no fields");
            }

            if (count == 1 && LooksLikeParameters(records().First()) is { } agents)
            {
                File.Delete(csvPath);
                throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile,
                    $"Input file '{input.Name}' looks like parameters, not data: its keys are agent ids ({string.Join(", ", agents)}). "
                    + "Name it parameters.json (with analyze: pass it with --params).");
            }

            using var writer = new StreamWriter(LocalWrite.CreateFile(csvPath, FileShare.Read), new UTF8Encoding(false));
            // A first key starting with '#' is quoted: the CSV reader takes a first line starting with '#' for a comment.
            writer.Write(string.Join(',', columns.Select((name, i) => i == 0 && name.StartsWith('#') ? QuotedAlways(name) : XlsxToCsv.Quote(name))));
            writer.Write('\n');
            var row = new string[columns.Count];
            foreach (var record in records())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Array.Fill(row, "");
                Fill(record, "", index, row);
                writer.Write(string.Join(',', row.Select(XlsxToCsv.Quote)));
                writer.Write('\n');
            }
        }
        catch (OperationCanceledException)
        {
            File.Delete(csvPath);
            throw;
        }
        catch (DecoderFallbackException)
        {
            // The decoder works a buffer ahead of the lines read: the byte's own line is found in the file.
            File.Delete(csvPath);
            throw Invalid(input, BadBytePlace.LineOfFirstInvalidUtf8(input.Path) is { } line
                ? $"line {line} holds bytes that are not UTF-8 text (save the file as UTF-8)"
                : "it holds bytes that are not UTF-8 text (save the file as UTF-8)");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            File.Delete(csvPath);
            // The reader numbers lines by LF alone: the line named is the editor's (EditorLines), as for a CSV.
            throw Invalid(input, e is JsonException j && j.LineNumber is { } lfLines
                ? JsonDepth.Exceeded(j)
                    ? $"it nests values deeper than {JsonDepth.Max} levels (line {EditorLines.OfJsonPosition(input.Path, lfLines, j.BytePositionInLine ?? 0)}), which is not read"
                    : $"it is not valid JSON (line {EditorLines.OfJsonPosition(input.Path, lfLines, j.BytePositionInLine ?? 0)}: {JsonErrorText.FirstSentence(j.Message)})"
                : JsonErrorText.FirstSentence(e.Message));
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses a string holding a lone surrogate ("\ud83d"): not text.
            File.Delete(csvPath);
            throw Invalid(input, $"it holds a value that is not valid Unicode text ({JsonErrorText.FirstSentence(e.Message)})");
        }
        catch (AnalysisException)
        {
            File.Delete(csvPath);
            throw;
        }
        catch (Exception e) when (AnalysisErrorCodes.IsStorageFailure(e))
        {
            // The local disk failed (no space left for the CSV): passed on as it is (STORAGE_ERROR), without the part
            // of the CSV already written, which was left behind.
            File.Delete(csvPath);
            throw;
        }

        return new InputFile(Path.ChangeExtension(input.Name, ".csv"), csvPath);
    }

    /// <summary>The keys of a one-record file when every one of them is an agent id holding an object: a parameters file under another name.</summary>
    private static IReadOnlyList<string>? LooksLikeParameters(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var properties = record.EnumerateObject().ToList();
        return properties.Count > 0 && properties.All(p => ToolCatalog.KnownAgentIds.Contains(p.Name, StringComparer.Ordinal)
                && p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            ? [.. properties.Select(p => p.Name)]
            : null;
    }

    private static AnalysisException Invalid(InputFile input, string why) =>
        new(AnalysisErrorCodes.InvalidInputFile,
            $"Input file '{input.Name}': {why}. A JSON data file must be a list of records ([{{\"id\": 1, ...}}, ...]), JSON Lines (one record per line) or an object holding one such list.");

    /// <summary>
    /// Decides how the records are laid out, by the first non-blank character and the first line, and returns a way to
    /// enumerate them (twice: once for the columns, once for the rows).
    /// </summary>
    private static Func<IEnumerable<JsonElement>> RecordsOf(InputFile input)
    {
        using (var probe = StrictText(input.Path))
        {
            int c;
            while ((c = probe.Peek()) >= 0 && char.IsWhiteSpace((char)c))
            {
                probe.Read();
            }

            if (c == '[')
            {
                return () => StreamArray(input.Path);
            }

            if (c != '{')
            {
                throw new InvalidDataException(c < 0 ? "the file is empty" : "it does not start with a list ([) or an object ({)");
            }

            // A first line that is a whole object means JSON Lines (or a wrapper written on one line); a longer
            // first line than a row may be is neither, and the whole-file path below has its own size limit.
            string firstLine = JsonRecordLines.Read(probe, out bool tooLong, out _) ?? "";
            if (!tooLong && TryParseObject(firstLine) is { } first)
            {
                first.Dispose();
                Func<IEnumerable<JsonElement>> lines = () => ReadLines(input.Path);
                // One record whose only list holds records is a wrapper ({"data": [...]}) written on one line.
                var single = lines().Take(2).ToList();
                return single.Count == 1 && WrappedList(single[0]) is { } wrapped ? () => wrapped.EnumerateArray() : lines;
            }
        }

        if (new FileInfo(input.Path).Length > WholeFileLimit)
        {
            throw new InvalidDataException($"an object larger than {WholeFileLimit / (1024 * 1024)} MiB must be a list of records or JSON Lines to be read as a stream");
        }

        using var stream = File.OpenRead(input.Path);
        var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = false });
        // An object holding one list of records is that list; any other object is one record (as it is on one line).
        var root = document.RootElement;
        return WrappedList(root) is { } list ? () => list.EnumerateArray() : () => [root];
    }

    private static JsonDocument? TryParseObject(string line)
    {
        try
        {
            var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }

            doc.Dispose();
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>The only property of <paramref name="root"/> that is a list of objects, or null.</summary>
    private static JsonElement? WrappedList(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var properties = root.EnumerateObject().ToList();
        // {"records": []} is a wrapper with no records (refused as such), not one record holding an empty list.
        if (properties is [{ Value.ValueKind: JsonValueKind.Array } only] && only.Value.GetArrayLength() == 0)
        {
            return only.Value;
        }

        var lists = properties
            .Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0
                && p.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
            .ToList();
        return lists.Count == 1 ? lists[0].Value : null;
    }

    private static IEnumerable<JsonElement> StreamArray(string path)
    {
        using var stream = File.OpenRead(path);
        foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, StreamOptions).ToBlockingEnumerable())
        {
            yield return element;
        }
    }

    private static IEnumerable<JsonElement> ReadLines(string path)
    {
        using var reader = StrictText(path);
        long number = 0;
        string? line;
        while (true)
        {
            line = JsonRecordLines.Read(reader, out bool tooLong, out int innerLineEnds);
            if (line is null)
            {
                break;
            }

            // A record read across lone CRs (white space of its open object or list) is named by its first line.
            long first = ++number;
            number += innerLineEnds;
            if (tooLong)
            {
                throw new AnalysisException(AnalysisErrorCodes.RowTooLarge, innerLineEnds == 0
                    ? $"JSON line {first} is longer than {CsvTableReader.MaxRowChars / (1 << 20)} Mi characters; no record may be that long."
                    : $"The JSON record of line {first} is still open after {CsvTableReader.MaxRowChars / (1 << 20)} Mi characters, across {innerLineEnds + 1} lines ended by a lone CR; no record may be that long (is a closing }} or ] missing?).");
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var doc = JsonDocument.Parse(line);
                element = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"line {first} is not a JSON record ({JsonErrorText.FirstSentence(e.Message)})");
            }

            yield return element;
        }
    }

    // JSON Lines are read as text line by line: strictly, as CSV is (a StreamReader that detects a BOM decodes with
    // Encoding.UTF8, which reads an invalid byte as U+FFFD, so a bad byte became a replacement character in the data).
    // Lists and whole objects are read by System.Text.Json from the bytes, which refuses invalid UTF-8 itself.
    private static StreamReader StrictText(string path)
    {
        var bytes = File.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[3];
            bool bom = bytes.Read(head) == 3 && head is [0xEF, 0xBB, 0xBF];
            bytes.Position = 0;
            return CsvTableReader.StrictText(bytes, bom);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    private const char PathSeparator = '\u001F';

    private static void Collect(JsonElement record, string path, string shown, List<string> columns, Dictionary<string, int> index)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"a record is a JSON {Common.SimpleCase.Lower(record.ValueKind.ToString())}, not an object with named fields");
        }

        Dictionary<string, int>? seen = null;
        foreach (var property in record.EnumerateObject())
        {
            string key = path + PathSeparator + Occurrence(property.Name, ref seen);
            string name = shown + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().Any())
            {
                Collect(property.Value, key, name + ".", columns, index);
            }
            else if (!index.ContainsKey(key))
            {
                index[key] = columns.Count;
                columns.Add(name);
            }
        }
    }

    private static void Fill(JsonElement record, string path, Dictionary<string, int> index, string[] row)
    {
        Dictionary<string, int>? seen = null;
        foreach (var property in record.EnumerateObject())
        {
            string key = path + PathSeparator + Occurrence(property.Name, ref seen);
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any())
            {
                Fill(value, key, index, row);
                continue;
            }

            row[index[key]] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null => "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => value.GetRawText(),
                _ => value.GetRawText(),
            };
        }
    }

    // A key repeated within one object ({"amount": 10, "amount": 20}) is a column of its own, as a repeated CSV header
    // is (the reader names the second amount_2 and lists it in renamed_headers): the second value no longer overwrites the first.
    private static string Occurrence(string name, ref Dictionary<string, int>? seen)
    {
        seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
        int n = seen[name] = seen.GetValueOrDefault(name) + 1;
        return n == 1 ? name : $"{name}{PathSeparator}#{n}";
    }

    // A name quoted whatever it holds (a NUL dropped, as Quote drops it).
    private static string QuotedAlways(string name) =>
        "\"" + name.Replace("\0", "", StringComparison.Ordinal).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
