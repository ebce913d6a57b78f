using System.Net;
using System.Net.Sockets;
using System.Text;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Worker;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// S3ObjectStore.DownloadToFileAsync tells its two sides apart: S3's answer breaking off while it is read is the
/// network's (TRANSIENT_ERROR, retried); the local file that cannot be created or written is the node's disk
/// (STORAGE_ERROR, final). A stand-in S3 on a loopback socket answers each GET with the body given.
/// </summary>
[TestClass]
public sealed class S3DownloadSidesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Download_ShouldBeTheDisksFailure_WhenTheLocalFolderIsGone()
    {
        var ct = TestContext.CancellationToken;
        using var s3 = new StandInS3(declared: 5, sent: 5);
        var gone = Path.Combine(Path.GetTempPath(), "agensium-removed-" + Guid.NewGuid().ToString("N"), "inputs", "data.csv");

        var failure = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => s3.Store.DownloadToFileAsync("k", gone, ct));

        Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(failure));
        StringAssert.StartsWith(RunFailure.MessageOf(failure), "The local work folder of the node that ran the task could not be written");
    }

    [TestMethod]
    public async Task Download_ShouldStayTransient_WhenS3sAnswerBreaksOff()
    {
        var ct = TestContext.CancellationToken;
        using var s3 = new StandInS3(declared: 100_000, sent: 1000);
        var folder = Directory.CreateTempSubdirectory("agensium-download-").FullName;
        try
        {
            var failure = await Assert.ThrowsAsync<Exception>(() => s3.Store.DownloadToFileAsync("k", Path.Combine(folder, "data.csv"), ct));

            Assert.IsFalse(LocalDisk.Failed(failure), failure.ToString());
            // "The response ended prematurely" (an HttpIOException) was INTERNAL_ERROR: no case of the classifier took it.
            Assert.AreEqual(("TRANSIENT_ERROR", true), RunFailure.Of(failure), failure.ToString());
            Assert.AreEqual("Object storage (S3)", ExceptionClassifier.DependencyOf(failure));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Answers every request with a 200 declaring `declared` bytes, sends `sent` of them, then closes the connection.
    private sealed class StandInS3 : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly AmazonS3Client _client;
        private readonly CancellationTokenSource _stop = new();

        public StandInS3(int declared, int sent)
        {
            _listener.Start();
            int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            var options = Options.Create(new S3Options { ServiceUrl = $"http://127.0.0.1:{port}", Bucket = "b", Timeout = TimeSpan.FromSeconds(10) });
            _client = new AmazonS3Client(new BasicAWSCredentials("k", "s"), new AmazonS3Config
            {
                ServiceURL = options.Value.ServiceUrl,
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                Timeout = options.Value.Timeout,
                MaxErrorRetry = 0,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
            Store = new S3ObjectStore(_client, options, new ObjectStoreCircuit(options, TimeProvider.System));
            _ = ServeAsync(declared, sent, _stop.Token);
        }

        public S3ObjectStore Store { get; }

        private async Task ServeAsync(int declared, int sent, CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    using var connection = await _listener.AcceptTcpClientAsync(ct);
                    await using var stream = connection.GetStream();
                    var request = new StringBuilder();
                    var buffer = new byte[4096];
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        int read = await stream.ReadAsync(buffer, ct);
                        if (read == 0)
                        {
                            break;
                        }
                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    string head = $"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('x', sent)), ct);
                    await stream.FlushAsync(ct);
                    connection.Client.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // Stopped, or the client went away.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _client.Dispose();
            _stop.Dispose();
        }
    }
}
