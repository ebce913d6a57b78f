using System.Net;
using Agensium.Scheduler.Storage;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Uploads and deletes while S3 does not answer (a proxy to the stack's S3 that freezes or holds requests, a short S3
/// timeout): a PUT that S3 applies after it timed out is removed, and a delete holds no task lock while S3 hangs. Each
/// test starts a node of its own, so the class runs beside others. The other upload tests are UploadIntegrityTests (on
/// the shared cluster, one at a time), among them the late PUT of a name a later upload stored meanwhile: it failed once
/// when it ran beside another class on a loaded machine (its removal line not where it looked), so it stays there.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class UploadS3TimeoutTests
{
    public TestContext TestContext { get; set; } = null!;

    // One node whose S3 is reached through proxy (frozen and thawed by the test), with a short S3 timeout.
    internal static Task<PrivateCluster> StartBehindAsync(FreezableProxy proxy, string database, string s3Timeout, CancellationToken ct) =>
        PrivateCluster.StartAsync(database, [5180], new Dictionary<string, string>
        {
            ["S3__ServiceUrl"] = $"http://127.0.0.1:{proxy.Port}",
            ["S3__Timeout"] = s3Timeout,
            ["S3__PauseAfterTimeout"] = "00:00:01",
        }, ct);

    [TestMethod]
    public async Task Upload_ShouldRemoveItsObject_WhenS3TimedOutAndTookThePutOnceResumed()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_upload_freeze", "00:00:02", ct);
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
        await Poll.UntilAsync(async () => (await S3Probe.ListAsync(TaskPaths.InputsPrefix(1, taskId), ct)).Count == 0 ? "" : null, TimeSpan.FromSeconds(40), ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.IsEmpty(await S3Probe.ListAsync(TaskPaths.InputsPrefix(1, taskId), ct));
        StringAssert.Contains(cluster.Nodes[0].ReadLog(), $"Removed the unused input object {TaskPaths.InputsPrefix(1, taskId)}");
    }

    /// <summary>
    /// Finding 3 (its second part): deleting a CREATED task called S3 while it held the task row's lock (in the
    /// transaction that deletes the row), so a hanging S3 kept the row locked and a pooled connection busy for the whole
    /// S3 timeout. A CREATED task holds no committed file: its row goes first, its prefix after, without the lock.
    /// </summary>
    [TestMethod]
    public async Task Delete_ShouldNotHoldTheTaskLock_WhileS3HangsForACreatedTask()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_upload_delete_lock", "00:00:03", ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);

        proxy.Hold(taskId); // the store does not answer the delete's requests for the task's prefix (and only those)
        var delete = api.Http.DeleteAsync($"/api/tasks/{taskId}", ct);
        await Poll.UntilAsync(() => Task.FromResult(proxy.Held > 0 ? "" : null), TimeSpan.FromSeconds(30), ct); // the delete waits for S3 now
        Assert.IsFalse(delete.IsCompleted);
        await using (var connection = new Npgsql.NpgsqlConnection(cluster.Db.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var probe = new Npgsql.NpgsqlCommand("SELECT count(*) FROM tasks WHERE task_id = @t", connection, transaction);
            probe.Parameters.AddWithValue("t", taskId);
            Assert.AreEqual(0L, await probe.ExecuteScalarAsync(ct), "the row is deleted (committed) before S3 is called");
            await using var locked = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query ILIKE '%DELETE FROM tasks%'", connection, transaction);
            Assert.AreEqual(0L, await locked.ExecuteScalarAsync(ct), "no transaction is held open across the S3 call");
        }
        proxy.Release();
        using var response = await delete;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}
