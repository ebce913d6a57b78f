using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Agensium.Analysis.Common;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// The same file gives the same results whatever globalization mode the process runs in (stop 48): raw
/// ToUpperInvariant/ToLowerInvariant upper-cased "ſ" (U+017F) to "S" with ICU and not in the invariant mode (the
/// service's), and lower-cased the capitals Unicode 16 added (U+A7DC "Ƛ") in the invariant mode only, so duplicate keys,
/// drift's column pairing and matching keys changed with the mode. The analyses run here through the service's
/// command line twice: as built (invariant) and with a copy of its runtimeconfig.json that turns ICU on.
/// </summary>
[TestClass]
public sealed class GlobalizationModeTests
{
    private static readonly string BaseDir = AppContext.BaseDirectory;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("\u017F", "S", "\u017F", DisplayName = "ſ: S upper (str.upper, ICU), itself lower")]
    [DataRow("\u0131", "I", "\u0131", DisplayName = "ı: I upper (str.upper)")]
    [DataRow("\uA7DC", "\uA7DC", "\uA7DC", DisplayName = "U+A7DC, a capital of Unicode 16: kept")]
    [DataRow("\u019B", "\u019B", "\u019B", DisplayName = "ƛ: kept")]
    [DataRow("\U00010D50\U00010D70", "\U00010D50\U00010D70", "\U00010D50\U00010D70", DisplayName = "Garay: kept")]
    [DataRow("Stra\u00DFe \u00C4", "STRA\u00DFE \u00C4", "stra\u00DFe \u00E4", DisplayName = "ß keeps .NET's one character")]
    public void SimpleCase_ShouldCaseOneForOne_TheSameInBothModes(string text, string upper, string lower)
    {
        Assert.AreEqual(upper, SimpleCase.Upper(text));
        Assert.AreEqual(lower, SimpleCase.Lower(text));
        var span = new char[text.Length];
        SimpleCase.Upper(text, span);
        Assert.AreEqual(upper, new string(span));
        SimpleCase.Lower(text, span);
        Assert.AreEqual(lower, new string(span));
        Assert.AreEqual(upper[0], SimpleCase.UpperChar(text[0]));
        Assert.AreEqual(lower[0], SimpleCase.LowerChar(text[0]));
    }

    [TestMethod]
    public void MatchingKeys_ShouldCaseAsPythonDoes_InEitherMode()
    {
        // The invariant mode kept "ſ" in an identifier's key and made U+A7DC "ƛ" in a name's; ICU the reverse.
        Assert.AreEqual("DES12345", EntityIdentifiers.Normalize("de \u017F12345", keepCountry: true));
        Assert.AreEqual("\uA7DCx", MatchNormalizer.Basic("\uA7DCx"));
    }

    [TestMethod]
    public async Task CleanMyData_ShouldKeepTheSameRows_WhenRunWithIcuOrInvariantGlobalization()
    {
        // "Ƛx" (U+A7DC) and "ƛx" (U+019B) are not one value to Python (Unicode 14) nor to ICU; the invariant mode's
        // lower case made them one duplicate key, so the service removed a row that an ICU run kept.
        using var dir = new TempDir();
        string csv = dir.Write("people.csv", "name,city\n\uA7DCx,Paris\n\u019Bx,Paris\nAnn,Lyon\n");

        string invariant = await CleanedFileAsync(csv, dir.Sub("invariant"), icu: false);
        string icu = await CleanedFileAsync(csv, dir.Sub("icu"), icu: true);

        Assert.AreEqual("name,city\r\n\uA7DCx,paris\r\n\u019Bx,paris\r\nann,lyon\r\n", invariant);
        Assert.AreEqual(invariant, icu);
    }

    [TestMethod]
    public async Task DriftDetector_ShouldPairTheSameColumns_WhenRunWithIcuOrInvariantGlobalization()
    {
        // "ſtatus" upper-cases to "STATUS" as Python's str.upper and ICU write it: one column written two ways. The
        // invariant mode kept the "ſ", so there the baseline's column was missing and the current one new.
        using var dir = new TempDir();
        var rows = new StringBuilder();
        for (int i = 0; i < 120; i++)
        {
            rows.Append(i % 3 == 0 ? "active" : "closed").Append(',').Append(i).Append('\n');
        }

        string current = dir.Write("current.csv", "STATUS,n\n" + rows);
        string baseline = dir.Write("baseline.csv", "\u017Ftatus,n\n" + rows);

        var invariant = await DriftDataAsync(current, baseline, dir.Sub("invariant"), icu: false);
        var icu = await DriftDataAsync(current, baseline, dir.Sub("icu"), icu: true);

        Assert.AreEqual(0, invariant["missing_columns"]!.AsArray().Count, invariant.ToJsonString());
        Assert.AreEqual(1, invariant["columns_matched_ignoring_case"]!.AsArray().Count);
        foreach (string key in new[] { "missing_columns", "new_columns", "columns_matched_ignoring_case" })
        {
            Assert.AreEqual(invariant[key]!.ToJsonString(), icu[key]!.ToJsonString(), key);
        }
    }

    private async Task<string> CleanedFileAsync(string csv, string outDir, bool icu)
    {
        await AnalyzeAsync(icu, "analyze", csv, "--tool", "clean-my-data", "--out", outDir);
        return await File.ReadAllTextAsync(Directory.GetFiles(outDir, "*_cleaned_*.csv").Single(), TestContext.CancellationToken);
    }

    private async Task<JsonObject> DriftDataAsync(string current, string baseline, string outDir, bool icu)
    {
        await AnalyzeAsync(icu, "analyze", current, baseline, "--tool", "profile-my-data", "--out", outDir);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "profile_my_data_analysis.json"), TestContext.CancellationToken))!;
        return report["agent_results"]!["drift-detector"]!["data"]!.AsObject();
    }

    // The service's command line, as built (invariant globalization) or with ICU through a copy of its runtimeconfig.
    private async Task AnalyzeAsync(bool icu, params string[] args)
    {
        string dll = Path.Combine(BaseDir, "Agensium.Scheduler.dll");
        string[] prefix = [dll];
        string? config = null;
        if (icu)
        {
            config = Path.Combine(Path.GetTempPath(), $"agensium-icu-{Guid.NewGuid():N}.runtimeconfig.json");
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BaseDir, "Agensium.Scheduler.runtimeconfig.json"), TestContext.CancellationToken))!;
            json["runtimeOptions"]!["configProperties"]!["System.Globalization.Invariant"] = false;
            await File.WriteAllTextAsync(config, json.ToJsonString(), TestContext.CancellationToken);
            prefix = ["exec", "--runtimeconfig", config, "--depsfile", Path.Combine(BaseDir, "Agensium.Scheduler.deps.json"), dll];
        }

        var info = new ProcessStartInfo("dotnet", [.. prefix, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.CancellationToken);
        }
        finally
        {
            if (config is not null)
            {
                File.Delete(config);
            }
        }

        string error = await stderr;
        if (icu && error.Contains("ICU", StringComparison.Ordinal) && process.ExitCode != 0)
        {
            Assert.Inconclusive($"No ICU library on this machine: {error}");
        }

        Assert.AreEqual(0, process.ExitCode, $"{await stdout}\n{error}");
    }

    private sealed class TempDir : IDisposable
    {
        private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-mode-tests", Guid.NewGuid().ToString("N"))).FullName;

        public string Write(string name, string content)
        {
            string path = Path.Combine(_root, name);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            return path;
        }

        public string Sub(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
