using System.Net;
using System.Net.Sockets;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Messaging;
using Agensium.Scheduler.Storage;
using Npgsql;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The health check and /health/ready probe PostgreSQL, S3 and Redis. A probe whose caller goes away (a readiness client
/// hanging up, the node stopping) was logged as a failed dependency with the client's cancel trace (a clean-clone CI
/// under load showed "Health check of database failed" and an OperationCanceledException's frames before any outage);
/// a dependency that does not answer was a TimeoutException's trace. Now the first is no failure and the second is one
/// line.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class DependencyProbeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Probe_ShouldLogNoFailure_WhenItsCallerGoesAway()
    {
        await using var silent = new SilentServer();
        await using var db = NpgsqlDataSource.Create(silent.ConnectionString);
        using var redis = await ConnectRedisAsync();
        var logger = new CollectingLogger<DependencyProbe>();
        var probe = new DependencyProbe(db, new HangingStore(), redis, logger);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        caller.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<OperationCanceledException>(() => probe.ProbeAsync(caller.Token));

        Assert.IsEmpty(logger.Lines, "nothing failed: " + string.Join('\n', logger.Lines));
    }

    [TestMethod]
    public async Task Probe_ShouldSayInOneLine_WhichDependencyDidNotAnswerInTime()
    {
        await using var silent = new SilentServer();
        await using var db = NpgsqlDataSource.Create(silent.ConnectionString);
        using var redis = await ConnectRedisAsync();
        var logger = new CollectingLogger<DependencyProbe>();
        var probe = new DependencyProbe(db, new HangingStore(), redis, logger) { Limit = TimeSpan.FromSeconds(2) };

        var report = await probe.ProbeAsync(TestContext.CancellationToken);

        // Redis is the real one: on a loaded machine its PING may itself take longer than the limit, so it is not judged.
        Assert.AreEqual(("error", "error"), (report.Database, report.S3));
        var lines = logger.Lines.Where(l => !l.Contains("of redis", StringComparison.Ordinal)).ToArray();
        CollectionAssert.AreEquivalent(
            new[] { "Health check of database failed: no answer within 2 s", "Health check of s3 failed: no answer within 2 s" }, lines);
        Assert.IsTrue(logger.Exceptions.All(e => e is null), "no trace: the line says what happened");
    }

    private static async Task<IConnectionMultiplexer> ConnectRedisAsync() =>
        await ConnectionMultiplexer.ConnectAsync(MessagingServiceCollectionExtensions.ConnectionOptions(
            new RedisOptions { Configuration = StackSettings.RedisConfiguration }));

    /// <summary>A "database" that takes connections and never answers.</summary>
    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public SilentServer()
        {
            _listener.Start();
            _accepting = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }
                }
            });
        }

        public string ConnectionString =>
            $"Host=127.0.0.1;Port={((IPEndPoint)_listener.LocalEndpoint).Port};Database=x;Username=x;Password=x;Pooling=false;Timeout=60";

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accepting;
            }
            catch (OperationCanceledException)
            {
            }
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }
            _stop.Dispose();
        }
    }

    /// <summary>An object store whose list never answers until it is cancelled.</summary>
    private sealed class HangingStore : IObjectStore
    {
        public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }

        public Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DownloadToFileAsync(string key, string localPath, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<(Stream Content, long Length, string ContentType)?> OpenReadAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> PresignGetAsync(string key, DateTime expiresUtc) => throw new NotSupportedException();
        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
