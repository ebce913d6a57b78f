using System.Text;
using Agensium.Analysis;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>JSON data files are converted to CSV (AGENSIUM section 2), as workbooks are.</summary>
[TestClass]
public sealed class JsonInputTests
{
    public TestContext TestContext { get; set; } = null!;

    private static List<string> ConvertedLines(string name, string json)
    {
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-json-tests", Guid.NewGuid().ToString("N"))).FullName;
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, json, new UTF8Encoding(true));
        try
        {
            return XlsxInputTests.ConvertedLines(path, name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Resolve_ShouldWriteEveryKeyAsAColumn_WhenTheFileIsAListOfRecords()
    {
        var lines = ConvertedLines("customers.json", """
            [
              {"id": 1, "name": "Ann, Jr.", "account": 12345678901234567890, "address": {"city": "Oslo", "zip": "0150"}, "tags": ["a", "b"], "vip": true},
              {"id": 2, "name": "Bo \"B\" Li", "address": {"city": "Rome"}, "note": null, "vip": false},
              {"id": 3, "email": "c@x.io", "note": "two\nlines"}
            ]
            """);

        Assert.AreEqual("id,name,account,address.city,address.zip,tags,vip,note,email", lines[0]);
        Assert.AreEqual("1,\"Ann, Jr.\",12345678901234567890,Oslo,0150,\"[\"\"a\"\", \"\"b\"\"]\",true,,", lines[1]);
        Assert.AreEqual("2,\"Bo \"\"B\"\" Li\",,Rome,,,false,,", lines[2]);
        Assert.AreEqual("3,,,,,,,\"two", lines[3]);
        Assert.AreEqual("lines\",c@x.io", lines[4]);
    }

    [TestMethod]
    public void Resolve_ShouldReadJsonLinesAndAWrappedList()
    {
        var jsonLines = ConvertedLines("events.jsonl", "{\"id\": 1, \"kind\": \"a\"}\n\n{\"id\": 2, \"kind\": \"b\", \"extra\": 1.50}\n");
        CollectionAssert.AreEqual(new[] { "id,kind,extra", "1,a,", "2,b,1.50" }, jsonLines);

        var wrapped = ConvertedLines("export.json", """
            {
              "exported_at": "2026-01-01",
              "data": [{"id": 1}, {"id": 2}]
            }
            """);
        CollectionAssert.AreEqual(new[] { "id", "1", "2" }, wrapped);
        var oneLine = ConvertedLines("export2.json", "{\"count\": 2, \"rows\": [{\"id\": 7}, {\"id\": 8}]}");
        CollectionAssert.AreEqual(new[] { "id", "7", "8" }, oneLine);
    }

    // s44 review: JSON Lines were split at LF alone, so a CR-only (classic Mac) file was one line, refused as "not valid
    // JSON", and a mixed file's lines were counted by their LFs; CSV and the line numbers of messages (EditorLines)
    // take LF, CRLF and a lone CR each as one line end.
    [TestMethod]
    [DataRow("{\"id\": 1, \"kind\": \"a\"}\r{\"id\": 2, \"kind\": \"b\"}\r", DisplayName = "CR only")]
    [DataRow("{\"id\": 1, \"kind\": \"a\"}\r\n\r\n{\"id\": 2, \"kind\": \"b\"}", DisplayName = "CRLF, a blank line, no last line end")]
    [DataRow("{\"id\": 1, \"kind\": \"a\"}\r\r{\"id\": 2, \"kind\": \"b\"}\n", DisplayName = "mixed, a blank CR line")]
    public void Resolve_ShouldReadJsonLines_WhateverEndsTheLines(string jsonLines)
    {
        CollectionAssert.AreEqual(new[] { "id,kind", "1,a", "2,b" }, ConvertedLines("events.jsonl", jsonLines));
    }

    // Stop 47: a lone CR between the values of a record is JSON's white space, not the record's end: the record was cut
    // there and refused ("line 1 is not a JSON record"). Each row's records are valid JSON, read whole.
    [TestMethod]
    [DataRow("{\"id\": 1,\r\"kind\": \"a\"}\n{\"id\": 2, \"kind\": \"b\", \"geo\": {\"x\": 1}}\n", DisplayName = "LF lines, a CR in the first record")]
    [DataRow("{\"id\": 1, \"kind\": \"a\"}\r\n{\"id\": 2,\r \"kind\":\r\"b\", \"geo\": {\r\"x\": 1\r}\r}\r\n", DisplayName = "CRLF lines, CRs in the second record and its inner object")]
    [DataRow("{\"id\": 1,\r\"kind\": \"a\"}\r{\"id\": 2, \"kind\": \"b\", \"geo\": {\r\"x\": 1}}\r", DisplayName = "CR-only lines, CRs in the records")]
    [DataRow("{\"id\": 1, \"kind\": \"a\\\"}\"}\r{\"id\": 2, \"kind\": \"b\", \"geo\": {\r\"x\": 1}}", DisplayName = "CR-only lines, an escaped quote and a brace in a string")]
    public void Resolve_ShouldReadARecordWhole_WhenALoneCrStandsBetweenItsValues(string jsonLines)
    {
        var lines = ConvertedLines("events.jsonl", jsonLines);

        Assert.AreEqual("id,kind,geo.x", lines[0], string.Join(" | ", lines));
        StringAssert.StartsWith(lines[1], "1,");
        Assert.AreEqual("2,b,1", lines[2], string.Join(" | ", lines));
        Assert.HasCount(3, lines);
    }

    [TestMethod]
    [DataRow("{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3 \"x\": 1}\n", 3, DisplayName = "LF")]
    [DataRow("{\"id\": 1}\r{\"id\": 2}\r{\"id\": 3 \"x\": 1}\r", 3, DisplayName = "CR only")]
    [DataRow("{\"id\": 1}\r\n{\"id\": 2}\r{\"id\": 3}\n\r{\"id\": 4 \"x\": 1}\r\n", 5, DisplayName = "mixed, a blank line")]
    [DataRow("{\"id\": 1,\r\"kind\": \"a\"}\r{\"id\": 2}\r{\"id\": 3 \"x\": 1}\r", 4, DisplayName = "CR only, a record across two lines before it")]
    [DataRow("{\"id\":\r1}\n{\"id\": 2,\r\r\"x\": 1}\n{\"id\": 3 \"x\": 1}\n", 6, DisplayName = "LF, records across lone CRs before it")]
    [DataRow("{\"id\": 1}\r{\"id\": 2\r{\"id\": 3}\r", 2, DisplayName = "CR only, a record left open: named by its first line")]
    [DataRow("{\"id\": 1}\n{\"id\": \"a\rb\"}\n", 2, DisplayName = "a raw CR in a string")]
    [DataRow("{\"id\": 1}\n{\"id\": 2\n{\"id\": 3}\n", 2, DisplayName = "LF, a record left open does not take the next line")]
    public void Resolve_ShouldNameTheEditorsLineOfABadJsonLine_WhateverEndsTheLines(string jsonLines, int line)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ConvertedLines("events.jsonl", jsonLines));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        StringAssert.Contains(ex.Message, $"line {line} is not a JSON record", ex.Message);
    }

    // Stop 44: System.Text.Json numbers lines by LF alone, so a JSON file with CR-only line ends had every error on
    // "line 1" and a mixed file's a line early; the message names the editor's line, as the CSV messages do (EditorLines).
    [TestMethod]
    [DataRow("[\n  {\"id\": 1},\n  {\"id\": 2 \"x\": 3}\n]", 3, DisplayName = "a list, LF")]
    [DataRow("[\r  {\"id\": 1},\r  {\"id\": 2 \"x\": 3}\r]", 3, DisplayName = "a list, CR only")]
    [DataRow("[\r\n{\"id\": 1},\r{\"id\": 2},\n{\"id\": 3 \"x\": 1}\r\n]", 4, DisplayName = "a list, mixed")]
    [DataRow("{\r\"data\": [\r{\"id\": 1},\r{\"id\": 2 \"x\": 3}\r]\r}", 4, DisplayName = "a wrapped list, CR only")]
    [DataRow("[{\"id\": 1 \"x\": 3}]", 1, DisplayName = "one line")]
    public void Resolve_ShouldNameTheEditorsLineOfAJsonError_WhateverEndsTheLines(string json, int line)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ConvertedLines("data.json", json));

        StringAssert.Contains(ex.Message, $"it is not valid JSON (line {line}:");
    }

    [TestMethod]
    [DataRow("[{\"id\": 1}, {\"id\": 2", "not valid JSON")]
    [DataRow("[{\"id\": 1, \"deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]", "nests values deeper than 64 levels (line 1)")]
    [DataRow("[1, 2, 3]", "not an object")]
    [DataRow("[]", "holds no records")]
    [DataRow("{\"records\": []}", "holds no records")]
    [DataRow("[{}, {}]", "its records hold no fields")]
    [DataRow("id,name\n1,x\n", "does not start with a list")]
    [DataRow("", "empty")]
    public void Resolve_ShouldFailWithInvalidInputFile_WhenTheJsonIsNotRecords(string json, string reason)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ConvertedLines("data.json", json));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        StringAssert.Contains(ex.Message, reason);
        StringAssert.Contains(ex.Message, "list of records");
    }

    [TestMethod]
    public void Resolve_ShouldDropANulCharacter_AndRefuseALoneSurrogateAsInvalidInput()
    {
        // "a\u0000b" made the converted CSV look binary: the whole file was refused, named 'nul.csv'.
        CollectionAssert.AreEqual(new[] { "id,note", "1,ab", "2,ok" }, ConvertedLines("nul.json", "[{\"id\":1,\"note\":\"a\\u0000b\"},{\"id\":2,\"note\":\"ok\"}]"));

        // A lone surrogate was a PROCESSING_ERROR without the file's name.
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ConvertedLines("surrogate.json", "[{\"id\":1,\"note\":\"\\ud83d\"}]"));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        StringAssert.Contains(ex.Message, "'surrogate.json'");
        StringAssert.Contains(ex.Message, "not valid Unicode");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Resolve_ShouldRefuseJsonLinesWithBytesThatAreNotUtf8_NamingTheLine(bool bom)
    {
        // Stop 43: JSON Lines were decoded with Encoding.UTF8, which reads an invalid byte as U+FFFD: "Caf\xE9" (Latin-1)
        // was converted as "Caf\uFFFD" without a word, where a CSV or a JSON list with the same byte is refused.
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-json-tests", Guid.NewGuid().ToString("N"))).FullName;
        string path = Path.Combine(dir, "events.jsonl");
        byte[] text = Encoding.UTF8.GetBytes("{\"id\": 1, \"name\": \"Ann\"}\n{\"id\": 2, \"name\": \"Caf#\"}\n");
        text[Array.IndexOf(text, (byte)'#')] = 0xE9;
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. text] : text);
        try
        {
            var ex = Assert.ThrowsExactly<AnalysisException>(() => XlsxInputTests.ConvertedLines(path, "events.jsonl"));
            Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
            StringAssert.Contains(ex.Message, "'events.jsonl': line 2 holds bytes that are not UTF-8 text");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Resolve_ShouldRefuseAParametersFileUnderAnotherName_ButReadRecordsThatMentionAnAgent()
    {
        // params.json given as data was analysed as a one-row table, and the real data file was left out.
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ConvertedLines("params.json",
            """{"null-handler": {"column_strategies": {"age": "mean"}}, "outlier-remover": "{\"method\": \"iqr\"}"}"""));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        StringAssert.Contains(ex.Message, "looks like parameters, not data: its keys are agent ids (null-handler, outlier-remover)");
        StringAssert.Contains(ex.Message, "parameters.json");

        // A record that merely has such a key among others, or several records, are data.
        CollectionAssert.AreEqual(new[] { "null-handler,id", "x,1" }, ConvertedLines("a.json", """{"null-handler": "x", "id": 1}"""));
        CollectionAssert.AreEqual(new[] { "score-risk.a", "1", "2" }, ConvertedLines("b.json", """[{"score-risk": {"a": 1}}, {"score-risk": {"a": 2}}]"""));
    }

    [TestMethod]
    [DataRow("""[{"a.b": 2, "a": {"b": 3}}, {"a.b": 4, "a": {"b": 5}}]""", "a.b", "a.b_2", "literal")]
    [DataRow("""[{"a": {"b": 3}, "a.b": 2}, {"a": {"b": 5}, "a.b": 4}]""", "a.b_2", "a.b", "nested")]
    public async Task ProfileMyData_ShouldKeepALiteralDottedKeyApartFromANestedOne_AndListTheRename(string json, string literal, string nested, string first)
    {
        // "a.b": 2 and {"a": {"b": 3}} were one column: the literal values were lost. The one seen second is renamed.
        using var files = new AnalysisTestSupport();
        files.AddText("clash.json", json);

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        Assert.AreEqual(3, (double)AnalysisTestSupport.Column(report, literal)["numeric_stats"]!["mean"]!, 1e-9, first);
        Assert.AreEqual(4, (double)AnalysisTestSupport.Column(report, nested)["numeric_stats"]!["mean"]!, 1e-9, first);
        var rename = report["metadata"]!["renamed_headers"]!.AsArray().Single()!;
        Assert.AreEqual("a.b", (string?)rename["original"]);
        Assert.AreEqual("a.b_2", (string?)rename["name"]);
        Assert.AreEqual(1, (int)rename["index"]!);
    }

    [TestMethod]
    [DataRow("#tag", DisplayName = "#tag")]
    [DataRow("# of items", DisplayName = "# of items")]
    public void Open_ShouldReadAFirstKeyStartingWithHash_AsAColumnName_NeverAsAComment(string key)
    {
        // The converted CSV's header line started with '#': the reader took it for a comment line, so the first record
        // became the header ("x|pen") and one row was lost.
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-json-tests", Guid.NewGuid().ToString("N"))).FullName;
        string path = Path.Combine(dir, "items.json");
        File.WriteAllText(path, $$"""[{"{{key}}": "x", "name": "pen"}, {"{{key}}": "y", "name": "ink"}, {"{{key}}": "z", "name": "pad"}]""");
        try
        {
            using var set = InputFileSet.Resolve([new InputFile("items.json", path)]);
            using var reader = CsvTableReader.Open(set.Primary);

            Assert.AreEqual($"{key}|name", string.Join("|", reader.Columns));
            Assert.IsEmpty(reader.TitleLines);
            int rows = 0;
            while (reader.Read())
            {
                rows++;
            }

            Assert.AreEqual(3, rows);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Resolve_ShouldKeepBothValuesOfAKeyRepeatedInARecord()
    {
        // The second "amount" overwrote the first (10 was lost, silently); now it is a column of its own, as a repeated
        // CSV header is, and the reader names it amount_2.
        var lines = ConvertedLines("dup.json", """[{"id": 1, "amount": 10, "amount": 20}, {"id": 2, "amount": 30}, {"n": {"x": 1, "x": 2}}]""");

        CollectionAssert.AreEqual(new[] { "id,amount,amount,n.x,n.x", "1,10,20,,", "2,30,,,", ",,,1,2" }, lines);
    }

    [TestMethod]
    public void Resolve_ShouldReadAnyLoneObjectAsOneRecord()
    {
        // A single object that is not a wrapper is one record, on one line or pretty-printed alike.
        var pretty = ConvertedLines("one.json", "{\n  \"a\": [1, 2],\n  \"b\": 3\n}");
        var oneLine = ConvertedLines("one2.json", "{\"a\": [1, 2], \"b\": 3}");
        CollectionAssert.AreEqual(oneLine, pretty);
        CollectionAssert.AreEqual(new[] { "a,b", "\"[1, 2]\",3" }, pretty);
    }

    [TestMethod]
    public void Resolve_ShouldFailWithRowTooLarge_WhenAJsonLineIsLongerThanAnyRowMayBe()
    {
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-json-tests", Guid.NewGuid().ToString("N"))).FullName;
        string path = Path.Combine(dir, "huge.jsonl");
        try
        {
            using (var writer = new StreamWriter(path))
            {
                writer.Write("{\"id\": 1}\n{\"text\": \"");
                writer.Write(new string('x', CsvTableReader.MaxRowChars + 10));
                writer.Write("\"}\n");
            }

            var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("huge.jsonl", path)]));
            Assert.AreEqual(AnalysisErrorCodes.RowTooLarge, ex.ErrorCode);
            StringAssert.Contains(ex.Message, "line 2");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Resolve_ShouldFailWithRowTooLarge_NamingTheFirstLine_WhenARecordLeftOpenRunsAcrossLoneCrs()
    {
        // A CR-only file whose second record misses its closing brace: the lone CRs after it are its white space, so it
        // runs on to the row limit, and the message names where it began and what is probably missing.
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-json-tests", Guid.NewGuid().ToString("N"))).FullName;
        string path = Path.Combine(dir, "open.jsonl");
        try
        {
            using (var writer = new StreamWriter(path))
            {
                writer.Write("{\"id\": 1}\r{\"id\": 2\r");
                string record = "{\"id\": 3, \"text\": \"" + new string('x', 1 << 20) + "\"}\r";
                for (long written = 0; written <= CsvTableReader.MaxRowChars; written += record.Length)
                {
                    writer.Write(record);
                }
            }

            var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("open.jsonl", path)]));
            Assert.AreEqual(AnalysisErrorCodes.RowTooLarge, ex.ErrorCode);
            StringAssert.Contains(ex.Message, "record of line 2 is still open");
            StringAssert.Contains(ex.Message, "missing?");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task ProfileMyData_ShouldProfileAJsonFile_AsItDoesItsCsv()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("records.json", """[{"id": 1, "amount": 10.5, "city": "Paris"}, {"id": 2, "amount": 12, "city": null}, {"id": 3, "amount": 11, "city": "Lyon"}]""");

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var amount = AnalysisTestSupport.Column(report, "amount");
        Assert.AreEqual("float", (string?)amount["inferred_type"]);
        Assert.AreEqual(11.1667, (double)amount["numeric_stats"]!["mean"]!, 1e-3);
        Assert.AreEqual(1, (long)AnalysisTestSupport.Column(report, "city")["null_count"]!);
    }
}
