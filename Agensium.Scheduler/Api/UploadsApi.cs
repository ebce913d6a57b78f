using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// PUT /api/tasks/{task_id}/inputs/{file_name}: the body is spooled to a local temp file (so a cut-off upload
/// never reaches S3), checked against the size limit, given one of the task's file slots (task_inputs, atomic under
/// concurrent uploads), then stored under the task's inputs/ prefix.
/// </summary>
public static class UploadsApi
{
    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/tasks/{taskId}/inputs/{fileName}", UploadAsync);
        return app;
    }

    private static async Task<IResult> UploadAsync(string taskId, string fileName, HttpContext http, TaskStore store,
        TaskInputSlots slots, TaskEvents events, IObjectStore objects, IOptions<ApiOptions> options, Jobs.NodeWorkFolder folder,
        IOptions<Jobs.SchedulerOptions> scheduler, TimeProvider time, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, fileName, ct);
        if (task is null)
        {
            return error!;
        }
        var id = task.TaskId;
        if (!TaskStatuses.AcceptingUploads.Contains(task.Status))
        {
            return ApiError.Conflict("INVALID_TASK_STATE", $"Task is {task.Status}; files can only be uploaded while it is CREATED, UPLOADING or UPLOAD_FAILED (before it is processed, expired or cancelled).");
        }
        if (TaskLookup.ExpiredByAge(task, scheduler.Value, time) is { } expired)
        {
            return expired;
        }

        // The file is the raw body. A form upload (curl -F) would be stored with its multipart framing as the "file".
        if (http.Request.HasFormContentType)
        {
            return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                "Send the file itself as the request body, not as a form (multipart/form-data or urlencoded): curl -T file, or -X PUT --data-binary @file with -H 'Content-Type: text/csv' (--data-binary alone labels the body a form and sends a POST).");
        }

        var maxFiles = options.Value.MaxFilesPerTask;
        var tooMany = ApiError.Conflict("TOO_MANY_FILES", $"A task may hold at most {maxFiles} input files.");
        if (!await slots.HasRoomAsync(id, fileName, maxFiles, ct))
        {
            return tooMany;
        }

        var limit = options.Value.MaxUploadBytes;
        var tooLarge = ApiError.Result(StatusCodes.Status413PayloadTooLarge, "FILE_TOO_LARGE", $"Files may not exceed {limit} bytes.");
        if (http.Request.ContentLength > limit)
        {
            return tooLarge;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        // In the node's folder: a node killed during an upload leaves its spool to the next sweep (WorkFolderSweeper).
        var spool = folder.NewSpool();
        try
        {
            long size;
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                size = await CopyWithLimitAsync(http.Request.Body, file, limit, ct);
            }
            if (size < 0)
            {
                return tooLarge;
            }
            if (size == 0)
            {
                return ApiError.BadRequest("EMPTY_BODY", "The uploaded file is empty.");
            }

            // The authoritative check: the early look above may have raced other uploads for this task.
            var slot = await slots.ReserveAsync(id, fileName, maxFiles, ct);
            if (slot == TaskInputSlots.Outcome.Full)
            {
                return tooMany;
            }
            if (slot == TaskInputSlots.Outcome.TaskGone)
            {
                return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.");
            }

            var key = TaskPaths.Input(task.UserId, id, fileName);
            bool stored;
            try
            {
                // Written under the task row's lock: a /process racing this upload either waits for it or wins and
                // the file is refused untouched (it never overwrites, or appears beside, the files a job reads).
                stored = await store.StoreInputAsync(id, c => objects.PutFileAsync(key, spool, http.Request.ContentType ?? "application/octet-stream", c), ct);
            }
            catch when (slot == TaskInputSlots.Outcome.Reserved)
            {
                await slots.ReleaseAsync(id, fileName, CancellationToken.None);
                throw;
            }
            if (!stored)
            {
                // The task moved on (expired, queued) while the file was arriving.
                if (slot == TaskInputSlots.Outcome.Reserved)
                {
                    await slots.ReleaseAsync(id, fileName, CancellationToken.None);
                }
                return ApiError.Conflict("INVALID_TASK_STATE", "The task changed state during the upload; the file was not kept.");
            }
            await events.PublishCurrentAsync(id, ct);
            return Results.Ok(new { task_id = id, file_name = fileName, size_bytes = size, status = TaskStatuses.Uploading });
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; returns -1 when the source holds more.</summary>
    private static async Task<long> CopyWithLimitAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return -1;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }
}
