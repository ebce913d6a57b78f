namespace Agensium.Scheduler.Api;

/// <summary>
/// Request bodies are read as sent: nothing decodes a Content-Encoding. A gzip-compressed upload was stored compressed
/// as the task's file (its job then failed as INVALID_INPUT_FILE, long after the 200), and a compressed JSON body
/// was told it was not UTF-8. Such a body is refused at once instead, as HTTP says: 415; so is one sent with a transfer
/// coding besides chunked (Transfer-Encoding: gzip, chunked), which Kestrel de-chunks but does not decode either.
/// </summary>
public static class ContentCoding
{
    /// <summary>415 UNSUPPORTED_MEDIA_TYPE for a body with a content coding other than identity; null otherwise.</summary>
    public static IResult? Refusal(HttpRequest request)
    {
        // Kestrel takes any transfer coding whose last one is chunked ("gzip, chunked"): it removes the chunking and leaves
        // the gzip, so the body arrives compressed all the same (found by review).
        var codings = request.Headers.ContentEncoding.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Concat(request.Headers.TransferEncoding.ToString()
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(c => !c.Equals("chunked", StringComparison.OrdinalIgnoreCase)))
            .Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return codings.Count == 0 ? null : ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
            $"The body is sent with the coding {string.Join(", ", codings.Select(c => c.Length > 40 ? c[..40] : c))}, which this service does not decode; send it uncompressed.");
    }
}
