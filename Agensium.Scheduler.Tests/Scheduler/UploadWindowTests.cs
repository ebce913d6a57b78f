using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// How long an upload may take before its key counts as abandoned: never shorter than the task expiry, past which the
/// commit is refused anyway; with a raised Scheduler:TaskExpiry a slow upload of a large file was refused at 15 min
/// (408 UPLOAD_TIMED_OUT) although its task had not expired.
/// </summary>
[TestClass]
public sealed class UploadWindowTests
{
    private static StorageRemover Remover(TimeSpan s3Timeout, TimeSpan taskExpiry)
    {
        var source = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
        var s3 = Options.Create(new S3Options { Timeout = s3Timeout });
        return new StorageRemover(new StorageRemovals(source), new Tasks.TaskInputSlots(source), null!,
            new ObjectStoreCircuit(s3, TimeProvider.System), s3, Options.Create(new SchedulerOptions { TaskExpiry = taskExpiry }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageRemover>.Instance);
    }

    [TestMethod]
    [DataRow(30, 15, 15, DisplayName = "the defaults: 15 min")]
    [DataRow(30, 120, 120, DisplayName = "a raised task expiry: the expiry")]
    [DataRow(600, 15, 40, DisplayName = "a long S3 timeout: four of them")]
    public void UploadWindow_ShouldCoverTheTaskExpiryAndFourS3Timeouts(int s3TimeoutSeconds, int expiryMinutes, int expectedMinutes)
    {
        var remover = Remover(TimeSpan.FromSeconds(s3TimeoutSeconds), TimeSpan.FromMinutes(expiryMinutes));

        Assert.AreEqual(TimeSpan.FromMinutes(expectedMinutes), remover.UploadWindow);
    }
}
