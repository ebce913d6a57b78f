using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>Which dependency a failure names in a 503's message.</summary>
[TestClass]
public sealed class ExceptionClassifierTests
{
    [TestMethod]
    public void DependencyOf_ShouldNameS3_WhenTheS3ClientsConnectionIsRefused()
    {
        // s3rver stopped: the AWS SDK's refused connection arrives as HttpRequestException, which gave the generic text.
        var refused = new HttpRequestException("Connection refused (127.0.0.1:54569)", new System.Net.Sockets.SocketException(111));

        Assert.AreEqual("Object storage (S3)", ExceptionClassifier.DependencyOf(refused));
        Assert.AreEqual("Object storage (S3)", ExceptionClassifier.DependencyOf(new InvalidOperationException("wrapped", refused)));
        Assert.AreEqual("A service this node depends on", ExceptionClassifier.DependencyOf(new TimeoutException()));
    }
}
