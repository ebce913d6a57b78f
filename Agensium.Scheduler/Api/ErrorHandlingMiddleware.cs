using System.Text.Json;
using Agensium.Scheduler.Logging;

namespace Agensium.Scheduler.Api;

/// <summary>Turns anything unhandled, and routing's bodiless 404/405, into a JSON error without details that could leak internals.</summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
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
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "FILE_TOO_LARGE" : "BAD_REQUEST";
            await WriteAsync(context, e.StatusCode, code, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
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
