using Agensium.Scheduler.Api;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>expires_at of a download is when its presigned URL stops working, read from the URL's own signature.</summary>
[TestClass]
public sealed class SignedExpiryTests
{
    [TestMethod]
    public void SignedExpiry_ShouldBeTheSigningTimePlusTheLifetime_WhenTheUrlIsPresigned()
    {
        const string url = "http://127.0.0.1:54569/agensium-files/users/1/tasks/t/outputs/a.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=S3RVER%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261204T165959Z&X-Amz-SignedHeaders=host"
            + "&X-Amz-Expires=3599&X-Amz-Signature=abc";

        var expiry = DownloadsApi.SignedExpiry(url);

        Assert.AreEqual(new DateTime(2026, 12, 4, 17, 59, 58, DateTimeKind.Utc), expiry);
        Assert.AreEqual(DateTimeKind.Utc, expiry!.Value.Kind);
    }

    [TestMethod]
    [DataRow("http://host/bucket/key")]
    [DataRow("http://host/bucket/key?X-Amz-Date=20261204T165959Z")]
    [DataRow("http://host/bucket/key?X-Amz-Date=yesterday&X-Amz-Expires=60")]
    public void SignedExpiry_ShouldBeNull_WhenTheUrlDoesNotSayIt(string url) =>
        Assert.IsNull(DownloadsApi.SignedExpiry(url));
}
