using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// What the CLI prints, run as the service executable with a command and no cluster (an outside tester's findings):
/// one error code for an --out that cannot be written, text as itself in JSON and tables, one useful line for a
/// refused command line.
/// </summary>
[TestClass]
public sealed class CliOutputTests
{
    public TestContext TestContext { get; set; } = null!;

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        return await SchedulerCommand.RunAsync(new Dictionary<string, string>(), timeout.Token, args);
    }

    private static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"cli-out-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [TestMethod]
    public async Task UnwritableOut_ShouldBeOutputNotWritable_ForAnalyzeAsForDownload()
    {
        // analyze said INVALID_ARGUMENTS where download said OUTPUT_NOT_WRITABLE, the code README names, for one --out.
        string folder = TempFolder();
        try
        {
            string data = Path.Combine(folder, "data.csv");
            await File.WriteAllTextAsync(data, "a,b\n1,2\n3,4\n", TestContext.CancellationToken);
            string aFile = Path.Combine(folder, "a-file");
            await File.WriteAllTextAsync(aFile, "x", TestContext.CancellationToken);
            foreach (var (outDir, said) in new[] { ("/proc/agensium-nope", "/proc/agensium-nope"), (Path.Combine(aFile, "sub"), $"{aFile} is a file, not a folder") })
            {
                var (exit, output, error) = await RunAsync("analyze", data, "--tool", "profile-my-data", "--out", outDir, "--json");

                Assert.AreEqual(1, exit, output + error);
                var json = JsonNode.Parse(output)!;
                Assert.AreEqual("OUTPUT_NOT_WRITABLE", json["error_code"]!.GetValue<string>(), output);
                StringAssert.Contains(json["message"]!.GetValue<string>(), said, output);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task ParamsFolder_ShouldBeSaidToBeAFolder_NotToBeMissing()
    {
        // The stop-51 outside probe: "--params some-folder" said "/…/some-folder does not exist." of a folder that does.
        string folder = TempFolder();
        try
        {
            string data = Path.Combine(folder, "data.csv");
            await File.WriteAllTextAsync(data, "a,b\n1,2\n3,4\n", TestContext.CancellationToken);
            string paramsFolder = Path.Combine(folder, "params");
            Directory.CreateDirectory(paramsFolder);

            var (exit, output, error) = await RunAsync("analyze", data, "--tool", "profile-my-data", "--params", paramsFolder, "--out", Path.Combine(folder, "out"), "--json");

            Assert.AreEqual(1, exit, output + error);
            var json = JsonNode.Parse(output)!;
            Assert.AreEqual("INVALID_ARGUMENTS", json["error_code"]!.GetValue<string>(), output);
            Assert.AreEqual($"{paramsFolder} is a folder; give --params the parameters file itself (parameters.json).", json["message"]!.GetValue<string>(), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task JsonFailure_ShouldWriteQuotesAndLettersAsThemselves()
    {
        // The message of a Windows-1252 file came out as "Input file \u0027x.csv\u0027 … Excel\u0027s plain \u0022CSV …".
        string folder = TempFolder();
        try
        {
            string data = Path.Combine(folder, "données.csv");
            await File.WriteAllBytesAsync(data, [.. "a,b\n1,caf"u8, 0xE9, .. "\n2,x\n"u8], TestContext.CancellationToken);

            var (exit, output, error) = await RunAsync("analyze", data, "--tool", "profile-my-data", "--out", Path.Combine(folder, "out"), "--json");

            Assert.AreEqual(1, exit, output + error);
            StringAssert.Contains(output, "Input file 'données.csv'", output);
            Assert.DoesNotContain("\\u00", output, output);
            Assert.AreEqual("INVALID_INPUT_FILE", JsonNode.Parse(output)!["error_code"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task DownloadTable_ShouldShowAnEmojiFileNameAsText_AndJsonShouldReadAsIt()
    {
        // The download table showed the saved files as JSON, "\uD83D\uDE00_cleaned.csv" for 😀_cleaned.csv.
        const string Name = "\U0001F600_cleaned.csv";
        string taskId = Guid.NewGuid().ToString();
        using var node = FakeNode.Start(taskId, Name, "a,b\n1,2\n"u8.ToArray());
        string folder = TempFolder();
        try
        {
            var (exit, table, error) = await RunAsync("download", taskId, "--out", folder, "--url", node.Url, "--api-key", "k");

            Assert.AreEqual(0, exit, table + error);
            StringAssert.Contains(table, Name, table);
            Assert.DoesNotContain("\\u", table, table);
            Assert.IsTrue(File.Exists(Path.Combine(folder, Name)));

            var (jsonExit, json, jsonError) = await RunAsync("download", taskId, "--out", folder, "--url", node.Url, "--api-key", "k", "--json");
            Assert.AreEqual(0, jsonExit, json + jsonError);
            Assert.AreEqual(Name, JsonNode.Parse(json)!["downloaded"]![0]!["file_name"]!.GetValue<string>());

            // The same --out error as analyze: a folder under a regular file.
            string aFile = Path.Combine(folder, Name);
            var (badExit, badOut, badError) = await RunAsync("download", taskId, "--out", Path.Combine(aFile, "sub"), "--url", node.Url, "--api-key", "k", "--json");
            Assert.AreEqual(1, badExit, badOut + badError);
            Assert.AreEqual("OUTPUT_NOT_WRITABLE", JsonNode.Parse(badOut)!["error_code"]!.GetValue<string>(), badOut);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task UnknownCommand_ShouldBeSaidInOneLine_WithTheCommandMeant()
    {
        // "frobnicate" printed "Required command was not provided." before "Unrecognized command or argument", and a
        // misspelt command's typo suggestions went to standard output, where a script reads JSON.
        var (exit, output, error) = await RunAsync("frobnicate");
        Assert.AreEqual(1, exit);
        Assert.AreEqual("", output.Trim(), "nothing on standard output");
        var lines = error.Trim().Split('\n');
        Assert.HasCount(1, lines, error);
        StringAssert.StartsWith(lines[0], "Unknown command 'frobnicate'.");

        var (_, misspeltOut, misspelt) = await RunAsync("dowload", "some-task");
        Assert.AreEqual("", misspeltOut.Trim(), misspeltOut);
        Assert.HasCount(1, misspelt.Trim().Split('\n'), misspelt);
        StringAssert.Contains(misspelt, "Did you mean 'download'?");

        var (_, jsonOut, _) = await RunAsync("--json", "frobnicate");
        var json = JsonNode.Parse(jsonOut)!;
        Assert.AreEqual("INVALID_ARGUMENTS", json["error_code"]!.GetValue<string>());
        Assert.DoesNotContain("Required command", json["message"]!.GetValue<string>());

        var (_, _, bare) = await RunAsync("inspect");
        StringAssert.Contains(bare, "inspect needs a command: registered, active, reserved, scheduled, nodes, stats.");
    }

    [TestMethod]
    public async Task AnalyzeToolAndAgents_ShouldSuggestTheNameMeant()
    {
        // The stop-51 probe: analyze --tool Profile-My-Data and --agents type_fixer were refused with no "Did you mean",
        // which history --tool and the API's tool_id give.
        string folder = TempFolder();
        try
        {
            string data = Path.Combine(folder, "data.csv");
            await File.WriteAllTextAsync(data, "a,b\n1,2\n3,4\n", TestContext.CancellationToken);

            var (exit, output, error) = await RunAsync("analyze", data, "--tool", "Profile-My-Data", "--out", Path.Combine(folder, "out"));
            Assert.AreEqual(1, exit, output + error);
            StringAssert.Contains(error, "Unknown tool 'Profile-My-Data' for --tool (tool ids are exact). Known tools: profile-my-data, clean-my-data, master-my-data. Did you mean 'profile-my-data'?");

            var (agentExit, agentOut, agentError) = await RunAsync("analyze", data, "--tool", "clean-my-data", "--agents", "type_fixer", "--out", Path.Combine(folder, "out"), "--json");
            Assert.AreEqual(1, agentExit, agentOut + agentError);
            var json = JsonNode.Parse(agentOut)!;
            Assert.AreEqual("UNKNOWN_AGENT", json["error_code"]!.GetValue<string>(), agentOut);
            StringAssert.EndsWith(json["message"]!.GetValue<string>(), "Did you mean 'type-fixer'?", agentOut);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task HistoryTool_ShouldSuggestTheToolMeant_AndListOnlyTheToolsOffered()
    {
        // It listed x-noop and x-fault-injection, drill tools no configuration here enables, and had no "Did you mean".
        var (exit, _, error) = await RunAsync("history", "--tool", "Profile-My-Data");

        Assert.AreEqual(1, exit, error);
        StringAssert.Contains(error, "Did you mean 'profile-my-data'?");
        Assert.DoesNotContain("x-noop", error);
        Assert.DoesNotContain("x-fault-injection", error);
    }

    /// <summary>Just enough of a node's API for download: one COMPLETED task with one output.</summary>
    private sealed class FakeNode : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        public string Url { get; private init; } = "";

        public static FakeNode Start(string taskId, string fileName, byte[] content)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var node = new FakeNode { Url = $"http://127.0.0.1:{port}" };
            node._listener.Prefixes.Add(node.Url + "/");
            node._listener.Start();
            _ = node.ServeAsync(taskId, fileName, content);
            return node;
        }

        private async Task ServeAsync(string taskId, string fileName, byte[] content)
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                string path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
                byte[] body = path == $"/api/tasks/{taskId}/outputs"
                    ? Encoding.UTF8.GetBytes(new JsonObject
                    {
                        ["task_id"] = taskId,
                        ["status"] = "COMPLETED",
                        ["files"] = new JsonArray(new JsonObject { ["file_name"] = fileName, ["size_bytes"] = content.Length }),
                    }.ToJsonString())
                    : path == $"/api/tasks/{taskId}/outputs/{fileName}" ? content : [];
                context.Response.StatusCode = body.Length == 0 ? 404 : 200;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }
    }
}
