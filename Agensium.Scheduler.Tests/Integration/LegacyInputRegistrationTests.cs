using System.Net;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Tasks created before migration 007 have no task_inputs rows, so their inputs were ignored: a retry of such a task
/// answered INPUTS_GONE although its files were there. Their objects are registered (theirs only: a newer task's
/// unregistered object stays unused).
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class LegacyInputRegistrationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<List<string>> RowsAsync(string taskId, CancellationToken ct) =>
        [.. (await Db.Shared.QueryAsync("SELECT file_name FROM task_inputs WHERE task_id = @id ORDER BY file_name", ct, ("id", taskId)))
            .Select(r => (string)r["file_name"]!)];

    [TestMethod]
    public async Task TasksFromBeforeTaskInputs_ShouldGetTheirObjectsRegistered_AndBeRetriable()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var csv = "id,name,amount\n1,ann,10\n2,bob,20\n3,cy,30\n"u8.ToArray();
        string old = await api.CreateTaskAsync(ct: ct), oldWithRows = await api.CreateTaskAsync(ct: ct), recent = await api.CreateTaskAsync(ct: ct),
            oldUploading = await api.CreateTaskAsync(ct: ct);
        foreach (var id in new[] { old, oldWithRows, recent, oldUploading })
        {
            await api.UploadOkAsync(id, "data.csv", csv, ct);
        }
        // As a task of before 007 looks: created earlier, FAILED, its files in S3, no rows. The recent task stands for a
        // task whose rows are missing because an upload failed: its objects must not be picked up.
        await Db.Shared.ExecuteAsync("""
            UPDATE tasks SET created_at = (SELECT applied_at FROM schema_migrations WHERE version = '007') - interval '1 day'
             WHERE task_id IN (@old, @oldWithRows, @oldUploading);
            UPDATE tasks SET status = 'FAILED', failed_at = now(), error_code = 'PROCESSING_ERROR', attempt = 1, queue = 'default'
             WHERE task_id IN (@old, @recent);
            DELETE FROM task_inputs WHERE task_id IN (@old, @recent);
            -- Registered already (by this backfill, or rows of before 013): no reservation id.
            UPDATE task_inputs SET reservation_id = NULL WHERE task_id = @oldWithRows;
            """, ct, ("old", old), ("oldWithRows", oldWithRows), ("recent", recent), ("oldUploading", oldUploading));
        // Before 007 (and 013) a file was stored by its name, inputs/{name}; today's upload put its own under
        // inputs/{upload id}/{name}, which the backfill must not take either.
        await S3Probe.PutAsync(TaskPaths.Input(1, old, "data.csv"), System.Text.Encoding.UTF8.GetString(csv), ct);
        await S3Probe.PutAsync(TaskPaths.Input(1, old, "nested/deeper.csv"), "a,b\n1,2\n", ct);
        await S3Probe.PutAsync(TaskPaths.Input(1, oldWithRows, "leftover.csv"), "a,b\n1,2\n", ct);
        // A pre-007 task that took an upload since the upgrade (its row has a reservation id) still has its old file: a
        // review found that any row at all stopped the backfill of the task for good.
        await S3Probe.PutAsync(TaskPaths.Input(1, oldUploading, "legacy.csv"), "a,b\n1,2\n", ct);

        using (var refused = await api.PostJsonAsync($"/api/tasks/{old}/retry", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.Conflict, refused.StatusCode, "before: the task's files are there but not registered");
            StringAssert.Contains(await refused.Content.ReadAsStringAsync(ct), "INPUTS_GONE");
        }

        var registration = Registration();
        var (tasks, files) = await registration.RegisterAsync(ct);
        // At least this test's old task (a run of this test that failed half-way may have left another in the database).
        Assert.IsGreaterThanOrEqualTo(1, tasks);
        Assert.IsGreaterThanOrEqualTo(1, files);
        CollectionAssert.AreEqual(new[] { "data.csv" }, await RowsAsync(old, ct), "only the object directly under inputs/");
        CollectionAssert.AreEqual(new[] { "data.csv" }, await RowsAsync(oldWithRows, ct), "a task with rows keeps them: its leftover stays unused");
        Assert.IsEmpty(await RowsAsync(recent, ct), "a task created since 007 is never backfilled");
        CollectionAssert.AreEqual(new[] { "data.csv", "legacy.csv" }, await RowsAsync(oldUploading, ct), "an upload since the upgrade keeps its row, the old file is added");
        Assert.AreEqual((0, 0), await registration.RegisterAsync(ct), "nothing twice");

        using (var retried = await api.PostJsonAsync($"/api/tasks/{old}/retry", "", ct))
        {
            Assert.IsTrue(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync(ct));
        }
        var final = await api.WaitForFinalAsync(old, TimeSpan.FromMinutes(2), ct);
        Assert.AreEqual("COMPLETED", final["status"]!.GetValue<string>(), final.ToJsonString());
    }

    /// <summary>
    /// Review finding 5: a pre-007 task with nothing directly under its inputs/ prefix got no row, so every node start
    /// listed its prefix again (and every other such task's), for ever. A task is listed once: the check is recorded.
    /// </summary>
    [TestMethod]
    public async Task TasksFromBeforeTaskInputs_ShouldBeListedOnce_EvenWhenTheyHaveNothingToRegister()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        string empty = await api.CreateTaskAsync(ct: ct), nestedOnly = await api.CreateTaskAsync(ct: ct);
        await Db.Shared.ExecuteAsync("""
            UPDATE tasks SET created_at = (SELECT applied_at FROM schema_migrations WHERE version = '007') - interval '1 day',
                             status = 'FAILED', failed_at = now(), error_code = 'PROCESSING_ERROR', attempt = 1, queue = 'default'
             WHERE task_id IN (@empty, @nestedOnly)
            """, ct, ("empty", empty), ("nestedOnly", nestedOnly));
        await S3Probe.PutAsync(TaskPaths.Input(1, nestedOnly, "0123456789abcdef0123456789abcdef/unused.csv"), "a,b\n1,2\n", ct);

        var listed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var registration = Registration(listed);
        await registration.RegisterAsync(ct);
        CollectionAssert.IsSubsetOf(new[] { TaskPaths.InputsPrefix(1, empty), TaskPaths.InputsPrefix(1, nestedOnly) }, listed.ToArray(),
            "both were looked at once");
        Assert.IsEmpty(await RowsAsync(empty, ct));
        Assert.IsEmpty(await RowsAsync(nestedOnly, ct));

        listed.Clear();
        Assert.AreEqual((0, 0), await registration.RegisterAsync(ct));
        Assert.DoesNotContain(TaskPaths.InputsPrefix(1, empty), listed.ToArray(), "a task already checked is not listed again at the next start");
        Assert.DoesNotContain(TaskPaths.InputsPrefix(1, nestedOnly), listed.ToArray());
    }

    private static LegacyInputRegistration Registration(System.Collections.Concurrent.ConcurrentQueue<string>? listed = null)
    {
        var options = Options.Create(new S3Options { ServiceUrl = StackSettings.S3Url, Bucket = StackSettings.Bucket, AccessKey = "S3RVER", SecretKey = "S3RVER" });
        var client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
        {
            ServiceURL = StackSettings.S3Url,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        IObjectStore store = new S3ObjectStore(client, options, new ObjectStoreCircuit(options, TimeProvider.System));
        if (listed is not null)
        {
            store = new ListRecordingStore(store, listed);
        }
        return new LegacyInputRegistration(NpgsqlDataSource.Create(StackSettings.TestConnectionString), store, NullLogger<LegacyInputRegistration>.Instance);
    }

    /// <summary>The stack's store, recording every prefix listed.</summary>
    private sealed class ListRecordingStore(IObjectStore inner, System.Collections.Concurrent.ConcurrentQueue<string> listed) : IObjectStore
    {
        public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
        {
            listed.Enqueue(prefix);
            return inner.ListAsync(prefix, cancellationToken);
        }

        public Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken) => inner.PutFileAsync(key, localPath, contentType, cancellationToken);
        public Task DownloadToFileAsync(string key, string localPath, CancellationToken cancellationToken) => inner.DownloadToFileAsync(key, localPath, cancellationToken);
        public Task<(Stream Content, long Length, string ContentType)?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);
        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
        public Task<string> PresignGetAsync(string key, DateTime expiresUtc) => inner.PresignGetAsync(key, expiresUtc);
        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
