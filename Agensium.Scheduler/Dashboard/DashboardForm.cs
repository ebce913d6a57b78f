using Agensium.Scheduler.Api;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// Reads a dashboard form post. A malformed form (multipart without a boundary or cut before its closing one, more
/// than 1,024 fields, a value over 4 MiB) is the client's fault: 400 INVALID_FORM. ReadFormAsync throws then, which
/// was a 500, or a 503 DEPENDENCY_UNAVAILABLE for a truncated multipart body (an IOException reads as an outage).
/// </summary>
public static class DashboardForm
{
    public sealed record Read(IFormCollection Form, IResult? Error);

    /// <summary>The form, an empty one when the body is not a form, or the 400 for a malformed one.</summary>
    public static async Task<Read> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return new(FormCollection.Empty, null);
        }
        try
        {
            return new(await request.ReadFormAsync(ct), null);
        }
        catch (InvalidDataException e)
        {
            // The framework's own words, naming the limit or the missing part: no internals.
            return new(FormCollection.Empty, ApiError.BadRequest("INVALID_FORM", $"The form could not be read: {e.Message}"));
        }
        catch (IOException e) when (e is not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary (a BadHttpRequestException, a body Kestrel itself
            // could not read, stays 400 BAD_REQUEST in ErrorHandlingMiddleware).
            return new(FormCollection.Empty, ApiError.BadRequest("INVALID_FORM", "The form could not be read: the multipart body ends before its closing boundary."));
        }
    }
}
