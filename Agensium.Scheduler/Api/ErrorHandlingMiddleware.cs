using System.Text.Json;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Api;

/// <summary>Turns anything unhandled, and routing's bodiless 404/405, into a JSON error without details that could leak internals.</summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    private const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            // Routing's own answers (no such route, wrong method) come without a body: give them the usual one.
            if (!context.Response.HasStarted && context.Response.ContentType is null && context.Response.ContentLength is null)
            {
                switch (context.Response.StatusCode)
                {
                    case StatusCodes.Status404NotFound:
                        await WriteAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", $"No route {context.Request.Method} {context.Request.Path}; see README for the API.");
                        break;
                    case StatusCodes.Status405MethodNotAllowed:
                        await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", $"{context.Request.Method} is not allowed on {context.Request.Path}.");
                        break;
                }
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's own text names the limit plus the one byte that detects an overrun (209715201): say the
                // configured limit, as a declared Content-Length over it is told.
                long limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MaxUploadBytes;
                bool upload = context.Request.Path.Value?.Contains("/inputs/", StringComparison.Ordinal) == true;
                await WriteAsync(context, e.StatusCode, upload ? "FILE_TOO_LARGE" : "BODY_TOO_LARGE",
                    upload ? $"Files may not exceed {limit} bytes." : "The request body is too large for this route.");
            }
            else
            {
                await WriteAsync(context, e.StatusCode, "BAD_REQUEST", e.Message);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && LocalDisk.IsFull(e))
        {
            // This node's own disk (an upload's spool file), not a dependency: 503 "a service this node depends on is
            // unreachable … retry in a few seconds" sent clients to retry what fails until space is freed. The upload's
            // spool file is removed and no reservation was taken (the body is spooled first), so nothing is left.
            logger.RequestLocalDiskFull(context.Request.Method, context.Request.Path, e.GetBaseException().Message);
            await WriteAsync(context, StatusCodes.Status507InsufficientStorage, "LOCAL_DISK_FULL",
                "This node's local disk is full, so the request could not be completed and nothing was kept; retry once space is freed, or on another node.");
        }
        catch (Exception e) when (!context.Response.HasStarted && LocalDisk.IsUnwritable(e))
        {
            // This node's work folder refused a write (a read-only file system, permission refused, the folder removed):
            // the node's own storage, as a full disk, not a dependency that comes back in seconds (EROFS, a plain
            // IOException, was answered 503 DEPENDENCY_UNAVAILABLE with Retry-After: 5 until stop 46). It takes an
            // operator: one ERROR naming the folder, then a line a minute with how many more were refused (RefusedUploadLines).
            var folder = context.RequestServices.GetService<Jobs.NodeWorkFolder>()?.Path ?? "(unknown)";
            var reason = e.GetBaseException().Message;
            if (context.RequestServices.GetService<RefusedUploadLines>() is { } lines)
            {
                lines.Refused(context.Request.Method, context.Request.Path, folder, reason);
            }
            else
            {
                logger.RequestLocalDiskUnwritable(context.Request.Method, context.Request.Path, folder, reason);
            }
            await WriteAsync(context, StatusCodes.Status507InsufficientStorage, "LOCAL_DISK_UNWRITABLE",
                "This node's local work folder could not be written (its disk is read-only or refused the write), so the request could not be completed and nothing was kept; retry on another node, or once the node's disk is fixed.");
        }
        catch (Exception e) when (!context.Response.HasStarted && ExceptionClassifier.IsTransient(e))
        {
            // PostgreSQL, Redis or S3 is unreachable: nothing is wrong with the request, and the same call will work
            // once the dependency is back. 503 with Retry-After tells clients and load balancers to try again.
            // An outage is expected and answered as documented: a warning without a stack trace, not an error per request.
            logger.RequestDependencyUnavailable(context.Request.Method, context.Request.Path, ExceptionClassifier.DependencyOf(e), e.GetBaseException().Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "DEPENDENCY_UNAVAILABLE",
                $"{ExceptionClassifier.DependencyOf(e)} is unreachable right now, so the request could not be completed; retry in a few seconds.");
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.RequestFailed(e, context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "The request failed on the server; see the service log.");
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new ApiError(code, message)));
    }
}
