using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Agensium.Scheduler.Storage;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>A frozen S3 (it accepts connections and never answers) costs one timeout, then calls fail at once, naming S3.</summary>
[TestClass]
public sealed class ObjectStoreCircuitTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Calls_ShouldFailAtOnceNamingS3_AfterOneTimedOut()
    {
        var frozen = new TcpListener(IPAddress.Loopback, 0);
        frozen.Start(); // connections are accepted by the OS backlog and never answered
        try
        {
            int port = ((IPEndPoint)frozen.LocalEndpoint).Port;
            var options = Options.Create(new S3Options { ServiceUrl = $"http://127.0.0.1:{port}", Bucket = "b", Timeout = TimeSpan.FromSeconds(1), PauseAfterTimeout = TimeSpan.FromMinutes(1) });
            using var client = new AmazonS3Client(new BasicAWSCredentials("k", "s"), new AmazonS3Config
            {
                ServiceURL = options.Value.ServiceUrl,
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                Timeout = options.Value.Timeout,
                MaxErrorRetry = 0,
            });
            var store = new S3ObjectStore(client, options, new ObjectStoreCircuit(options, TimeProvider.System));

            var first = await Assert.ThrowsExactlyAsync<ObjectStoreUnavailableException>(() => store.ListAsync("x/", TestContext.CancellationToken));
            StringAssert.Contains(first.Message, "S3");
            Assert.AreEqual("Object storage (S3)", Worker.ExceptionClassifier.DependencyOf(first));
            Assert.IsTrue(Worker.ExceptionClassifier.IsTransient(first));

            var clock = Stopwatch.StartNew();
            var second = await Assert.ThrowsExactlyAsync<ObjectStoreUnavailableException>(() => store.ListAsync("x/", TestContext.CancellationToken));
            Assert.IsLessThan(TimeSpan.FromSeconds(1), clock.Elapsed, "the second call does not wait for S3 again");
            StringAssert.Contains(second.Message, "not calling it again");
        }
        finally
        {
            frozen.Stop();
        }
    }

    [TestMethod]
    public void Circuit_ShouldCloseAgain_AfterThePauseOrAnAnswer()
    {
        var time = new ManualTime();
        var circuit = new ObjectStoreCircuit(Options.Create(new S3Options { PauseAfterTimeout = TimeSpan.FromSeconds(10) }), time);
        circuit.ThrowIfOpen();

        circuit.TimedOut();
        Assert.ThrowsExactly<ObjectStoreUnavailableException>(circuit.ThrowIfOpen);
        time.Now += TimeSpan.FromSeconds(11);
        circuit.ThrowIfOpen();

        circuit.TimedOut();
        circuit.Answered();
        circuit.ThrowIfOpen();
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
