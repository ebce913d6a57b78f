using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>List and download a task's outputs/.</summary>
public static class OutputsApi
{
    public static IEndpointRouteBuilder MapOutputsApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/tasks/{taskId}/outputs", ListAsync);
        app.MapGetAndHead("/api/tasks/{taskId}/outputs/{fileName}", DownloadCompletedAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string taskId, TaskStore store, IObjectStore objects, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        if (task is null)
        {
            return error!;
        }
        var id = task.TaskId;
        if (task.Status != TaskStatuses.Completed)
        {
            // Only a COMPLETED attempt's outputs are the task's: a failed or running one may have left partial files.
            return Results.Ok(new { task_id = id, status = task.Status, files = Array.Empty<object>() });
        }

        var prefix = TaskPaths.OutputsPrefix(task.UserId, id);
        var files = (await objects.ListAsync(prefix, ct))
            .Select(o => new { file_name = o.Key[prefix.Length..], size_bytes = o.Size, last_modified = o.LastModifiedUtc, key = o.Key })
            .ToList();
        return Results.Ok(new { task_id = id, status = task.Status, files });
    }

    // The API serves a task's outputs once it is COMPLETED (downloads_available); the dashboard lets an operator see
    // whatever a failed attempt left (DownloadAsync).
    private static Task<IResult> DownloadCompletedAsync(string taskId, string fileName, HttpRequest request, TaskStore store, IObjectStore objects, CancellationToken ct) =>
        DownloadAsync(taskId, fileName, request, store, objects, completedOnly: true, ct);

    public static Task<IResult> DownloadAsync(string taskId, string fileName, HttpRequest request, TaskStore store, IObjectStore objects, CancellationToken ct) =>
        DownloadAsync(taskId, fileName, request, store, objects, completedOnly: false, ct);

    private static async Task<IResult> DownloadAsync(string taskId, string fileName, HttpRequest request, TaskStore store, IObjectStore objects, bool completedOnly, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, fileName, ct, InputValidation.MaxStoredNameBytes);
        if (task is null)
        {
            return error!;
        }

        if (completedOnly && task.Status != TaskStatuses.Completed)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", $"The task is {task.Status}: outputs are served once it is COMPLETED.");
        }

        var opened = await objects.OpenReadAsync(TaskPaths.Output(task.UserId, task.TaskId, fileName), ct);
        if (opened is not { } o)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", "The task has no output with that name.");
        }

        if (HttpMethods.IsHead(request.Method))
        {
            // The headers a GET would send, without reading the object from storage only for Kestrel to drop it.
            await o.Content.DisposeAsync();
            return new HeadersOnly(o.Length, o.ContentType, fileName);
        }

        return Results.Stream(o.Content, o.ContentType, fileName);
    }

    private sealed class HeadersOnly(long length, string contentType, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = length;
            var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Task.CompletedTask;
        }
    }
}
