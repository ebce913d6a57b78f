using Agensium.Scheduler.Api;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>The content type an input is stored with: the client's when well formed, else application/octet-stream.</summary>
[TestClass]
public sealed class UploadContentTypeTests
{
    [TestMethod]
    [DataRow("text/csv", "text/csv")]
    [DataRow("text/csv; charset=utf-8", "text/csv; charset=utf-8")]
    [DataRow("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [DataRow(null, "application/octet-stream")]
    [DataRow("", "application/octet-stream")]
    [DataRow("text/csv;", "application/octet-stream")]
    [DataRow("text", "application/octet-stream")]
    [DataRow("/", "application/octet-stream")]
    [DataRow(";", "application/octet-stream")]
    [DataRow("text/csv; charset=", "application/octet-stream")]
    [DataRow("garbage/;;;", "application/octet-stream")]
    public void StoredContentType_ShouldKeepAWellFormedType_AndReplaceAMalformedOne(string? header, string expected)
    {
        var stored = UploadsApi.StoredContentType(header);
        if (expected == "application/octet-stream" || header is null)
        {
            Assert.AreEqual(expected, stored);
        }
        else
        {
            // Well formed: kept (the parser may normalise spacing), and always one the SDK's HttpClient accepts.
            Assert.AreEqual(System.Net.Http.Headers.MediaTypeHeaderValue.Parse(header).ToString(), stored);
        }
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(stored);
    }
}
