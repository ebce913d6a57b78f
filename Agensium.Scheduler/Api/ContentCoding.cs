namespace Agensium.Scheduler.Api;

/// <summary>
/// Request bodies are read as sent: nothing decodes a Content-Encoding. A gzip-compressed upload was stored compressed
/// as the task's file (its job then failed as INVALID_INPUT_FILE, long after the 200), and a compressed JSON body
/// was told it was not UTF-8. Such a body is refused at once instead, as HTTP says: 415.
/// </summary>
public static class ContentCoding
{
    /// <summary>415 UNSUPPORTED_MEDIA_TYPE for a body with a content coding other than identity; null otherwise.</summary>
    public static IResult? Refusal(HttpRequest request)
    {
        var codings = request.Headers.ContentEncoding.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return codings.Count == 0 ? null : ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
            $"The body is sent with Content-Encoding: {string.Join(", ", codings.Select(c => c.Length > 40 ? c[..40] : c))}, which this service does not decode; send it uncompressed.");
    }
}
