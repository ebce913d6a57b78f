using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A task's inputs are the files registered in task_inputs: an upload that fails never leaves a file a job analyses,
/// the dashboard lists or a limit counts, and its object is removed (in the background, and with the task's prefix).
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class UploadIntegrityTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static string InputsPrefix(string taskId) => $"users/1/tasks/{taskId}/inputs/";

    [TestMethod]
    [DataRow("text/csv;")]
    [DataRow("text")]
    [DataRow("/")]
    [DataRow(";")]
    [DataRow("text/csv; charset=")]
    [DataRow("garbage/;;;")]
    public async Task Upload_ShouldStoreTheFileAsOctetStream_WhenTheContentTypeIsMalformed(string contentType)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        using var content = new ByteArrayContent("x,y\n1,2\n3,4\n"u8.ToArray());
        Assert.IsTrue(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        using var response = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/a.csv", content, ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));

        CollectionAssert.AreEqual(new[] { InputsPrefix(taskId) + "a.csv" }, await S3Probe.ListAsync(InputsPrefix(taskId), ct));
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @id AND file_name = 'a.csv'", ct, ("id", taskId)));
        Assert.AreEqual("application/octet-stream", Api.UploadsApi.StoredContentType(contentType));
        await api.ProcessOkAsync(taskId, ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Job_ShouldAnalyseOnlyRegisteredInputs_AndTheDashboardListOnlyThem()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        // What a failed upload leaves behind: an object under inputs/ without a task_inputs row (listed after 0.csv).
        await S3Probe.PutAsync(InputsPrefix(taskId) + "zz-orphan.csv", "orphan,col\n1,2\n3,4\n", ct);
        await api.UploadOkAsync(taskId, "0.csv", "a,b\n1,2\n3,4\n"u8.ToArray(), ct);
        await api.ProcessOkAsync(taskId, ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());

        var report = await api.Http.GetStringAsync($"/api/tasks/{taskId}/report", ct);
        Assert.DoesNotContain("zz-orphan", report, "the unregistered object was neither analysed nor reported as an input");
        Assert.DoesNotContain("orphan", JsonNode.Parse(report)!["metadata"]!.ToJsonString());

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(TestCluster.NodeA.BaseUrl) };
        using var login = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "inputs-test", ["key"] = TestCluster.ApiKey, ["next"] = "/dashboard",
        }), ct);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("agensium_dashboard=", StringComparison.Ordinal)).Split(';')[0];
        using var page = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/tasks/{taskId}");
        page.Headers.Add("Cookie", cookie);
        using var shown = await http.SendAsync(page, ct);
        var html = await shown.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.OK, shown.StatusCode, html);
        StringAssert.Contains(html, "0.csv");
        Assert.DoesNotContain("zz-orphan", html);
    }

    [TestMethod]
    public async Task Process_ShouldNotCountAnUnregisteredObject_AsTheDataFile()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "parameters.json", "{}"u8.ToArray(), ct);
        await S3Probe.PutAsync(InputsPrefix(taskId) + "data.csv", "a,b\n1,2\n", ct);
        using var response = await api.ProcessAsync(taskId, ct: ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        StringAssert.Contains(body, "FILES_NOT_FOUND");
    }

    [TestMethod]
    public async Task Delete_ShouldRemoveAFailedUploadsObject_EvenUnderACreatedTask()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await S3Probe.PutAsync(InputsPrefix(taskId) + "a.csv", "a,b\n1,2\n", ct);
        using var response = await api.Http.DeleteAsync($"/api/tasks/{taskId}", ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
    }

    [TestMethod]
    public async Task UploadStartedAt_ShouldBeSetByTheFirstUploadOnly()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "a.csv", "a,b\n1,2\n"u8.ToArray(), ct);
        var first = await Db.ScalarAsync<DateTime>("SELECT upload_started_at FROM tasks WHERE task_id = @id", ct, ("id", taskId));
        await Task.Delay(50, ct);
        await api.UploadOkAsync(taskId, "b.csv", "a,b\n1,2\n"u8.ToArray(), ct);
        await api.UploadOkAsync(taskId, "a.csv", "a,b\n5,6\n"u8.ToArray(), ct);
        Assert.AreEqual(first, await Db.ScalarAsync<DateTime>("SELECT upload_started_at FROM tasks WHERE task_id = @id", ct, ("id", taskId)));
    }

    [TestMethod]
    public async Task Process_ShouldAnswer404_WhenADeleteCommitsWhileItChecksTheInputs()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "parameters.json", "{}"u8.ToArray(), ct);

        // A delete that has removed the row but not committed yet: /process still reads the task, then waits on its lock.
        await using var connection = new Npgsql.NpgsqlConnection(StackSettings.TestConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var delete = new Npgsql.NpgsqlCommand("DELETE FROM tasks WHERE task_id = @id", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", taskId);
            Assert.AreEqual(1, await delete.ExecuteNonQueryAsync(ct));
        }
        var process = api.ProcessAsync(taskId, ct: ct);
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE%tasks%'", ct) > 0 ? "" : null,
            TimeSpan.FromSeconds(20), ct);
        await transaction.CommitAsync(ct);

        using var response = await process;
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, body);
        StringAssert.Contains(body, "TASK_NOT_FOUND");
    }

    [TestMethod]
    public async Task Upload_ShouldRemoveItsObject_WhenS3TimedOutAndTookThePutOnceResumed()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_upload_freeze", [5179], new Dictionary<string, string>
        {
            ["S3__ServiceUrl"] = $"http://127.0.0.1:{proxy.Port}",
            ["S3__Timeout"] = "00:00:02",
            ["S3__PauseAfterTimeout"] = "00:00:01",
        }, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);

        proxy.Freeze();
        using (var response = await api.UploadAsync(taskId, "a.csv", "a,b\n1,2\n"u8.ToArray(), ct))
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, body);
            StringAssert.Contains(body, "DEPENDENCY_UNAVAILABLE");
        }
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @id", ct, ("id", taskId)));
        proxy.Thaw();

        // The store answers the PUTs it held once it resumes; the node removes what lands.
        await Poll.UntilAsync(async () => (await S3Probe.ListAsync(InputsPrefix(taskId), ct)).Count == 0 ? "" : null, TimeSpan.FromSeconds(40), ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.IsEmpty(await S3Probe.ListAsync(InputsPrefix(taskId), ct));
        StringAssert.Contains(cluster.Nodes[0].ReadLog(), $"Removed the object {InputsPrefix(taskId)}a.csv of a failed upload");
    }

    /// <summary>A TCP proxy to the stack's S3 that can stop passing bytes on (a frozen store) and pass them on again.</summary>
    private sealed class FreezableProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int _target;
        private readonly CancellationTokenSource _stop = new();
        private volatile TaskCompletionSource _open = Open();

        private FreezableProxy(int target) => _target = target;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        public static FreezableProxy Start(int target)
        {
            var proxy = new FreezableProxy(target);
            proxy._listener.Start();
            _ = proxy.AcceptAsync();
            return proxy;
        }

        public void Freeze() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Thaw() => _open.TrySetResult();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = RelayAsync(client);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        }

        private async Task RelayAsync(TcpClient client)
        {
            using var _ = client;
            using var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                await Task.WhenAll(PumpAsync(client.Client, server.Client), PumpAsync(server.Client, client.Client));
            }
            catch (Exception)
            {
            }
        }

        private async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[65536];
            try
            {
                while (true)
                {
                    await _open.Task.WaitAsync(_stop.Token);
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    await _open.Task.WaitAsync(_stop.Token);
                    if (read == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception)
            {
                // The other side went away: nothing more to pass on this way.
            }
        }

        public ValueTask DisposeAsync()
        {
            _open.TrySetResult();
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
