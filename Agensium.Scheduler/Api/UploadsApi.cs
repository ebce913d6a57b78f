using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// PUT /api/tasks/{task_id}/inputs/{file_name}: the body is spooled to a local temp file (so a cut-off upload
/// never reaches S3), checked against the size limit, given one of the task's file slots (task_inputs, atomic under
/// concurrent uploads, its own key recorded in s3_removals until it commits), stored under that key in the task's
/// inputs/ prefix, then committed as the task's file of that name under the task row's lock. An object that does not
/// become an input is removed by any node from that record (<see cref="StorageRemover"/>).
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
        StorageRemover remover, StorageRemovals removals, StorageRemovalLoop removalLoop,
        IOptions<Jobs.SchedulerOptions> scheduler, TimeProvider time, ILoggerFactory loggers, RefusedUploadLines refusedLines, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(UploadsApi));
        var (task, error) = await TaskLookup.FindAsync(store, taskId, fileName, ct);
        if (task is null)
        {
            return error!;
        }
        if ((InputValidation.PortableNameProblem(fileName) ?? InputValidation.UndecodedEscapeProblem(fileName)
            ?? InputValidation.InvisibleCharacterProblem(fileName)) is { } unportable)
        {
            return ApiError.BadRequest("INVALID_FILE_NAME", unportable);
        }
        var id = task.TaskId;
        if (!TaskStatuses.AcceptingUploads.Contains(task.Status))
        {
            return NotAccepting(task.Status, id);
        }
        if (TaskLookup.ExpiredByAge(task, scheduler.Value, time) is { } expired)
        {
            return expired;
        }

        // The file is the raw body. A form upload (curl -F) would be stored with its multipart framing as the "file".
        if (http.Request.HasFormContentType || IsFormMediaType(http.Request.ContentType))
        {
            return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                "Send the file itself as the request body, not as a form (multipart/form-data or urlencoded): curl -T file, or -X PUT --data-binary @file with -H 'Content-Type: text/csv' (--data-binary alone labels the body a form and sends a POST).");
        }

        if (ContentCoding.Refusal(http.Request) is { } encoded)
        {
            return encoded;
        }

        var maxFiles = options.Value.MaxFilesPerTask;
        var tooMany = ApiError.Conflict("TOO_MANY_FILES", $"A task may hold at most {maxFiles} input files.");
        var look = await slots.LookAsync(id, fileName, maxFiles, ct);
        if (look.ClashingName is { } held)
        {
            return NameClash(held, fileName);
        }
        if (!look.HasRoom)
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
        using var spoolFile = new UploadSpool(folder.NewSpool(), logger);
        var spool = spoolFile.Path;
        long size = await spoolFile.FillAsync(http.Request.Body, limit, ct);
        refusedLines.Spooled(folder.Path); // the folder took the body: uploads refused 507 LOCAL_DISK_UNWRITABLE before are taken again
        if (size < 0)
        {
            return tooLarge;
        }
        if (size == 0)
        {
            return ApiError.BadRequest("EMPTY_BODY", "The uploaded file is empty.");
        }

        // The authoritative check: the early look above may have raced other uploads for this task.
        // This upload's own key: a PUT that S3 applies late (after a timeout) lands there, never over another
        // upload's file. It becomes the task's input only by the commit below; nothing reads it before. It is on
        // record for removal from the reservation on, so whatever happens to this node, it never stays unused.
        var reservation = Guid.NewGuid();
        var key = TaskPaths.UploadedInput(task.UserId, id, reservation, fileName);
        var (slot, clashing) = await slots.ReserveAsync(id, fileName, reservation, key, remover.UploadWindow, maxFiles, ct);
        if (slot == TaskInputSlots.Outcome.Full)
        {
            return tooMany;
        }
        if (slot == TaskInputSlots.Outcome.TaskGone)
        {
            return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.");
        }
        if (slot == TaskInputSlots.Outcome.NameClash)
        {
            return NameClash(clashing!, fileName);
        }

        var contentType = StoredContentType(http.Request.ContentType);
        TaskStore.InputCommit outcome;
        string? replaced;
        try
        {
            await objects.PutFileAsync(key, spool, contentType, ct);
            (outcome, replaced) = await store.CommitInputAsync(id, fileName, reservation, key, maxFiles, scheduler.Value.TaskExpiry, ct);
        }
        catch
        {
            // S3 may have taken the object (or take it once it resumes, after a timeout), or the commit's answer
            // was lost: the name is given back if this upload still holds it, and the object is due for removal
            // (and looked for again a while, for a late PUT) unless it was committed after all.
            await ReleaseQuietlyAsync(slots, id, fileName, reservation, key, StorageRemovals.Rechecks.Length);
            removalLoop.Wake();
            throw;
        }
        if (outcome != TaskStore.InputCommit.Committed)
        {
            // Refused at the commit (the task moved on, expired or was deleted while the file was arriving): the
            // object was stored but never became an input, and goes now; if S3 fails, its record stays due.
            await ReleaseQuietlyAsync(slots, id, fileName, reservation, key, rechecks: 0);
            try
            {
                await objects.DeleteAsync(key, CancellationToken.None);
                await removals.DoneAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                removalLoop.Wake();
            }
            return outcome switch
            {
                TaskStore.InputCommit.TaskGone => ApiError.NotFound("TASK_NOT_FOUND", "No task with that id (it was deleted during the upload); the file was not kept."),
                TaskStore.InputCommit.Full => tooMany,
                TaskStore.InputCommit.NameClash => ApiError.Conflict("FILE_NAME_CLASH",
                    $"While '{fileName}' was arriving, the task took a file whose name differs only in letter case or Unicode form (a precomposed é against e + a combining accent): both read as one name, and on a Windows node they are one file. The file was not kept; upload it under that name to replace it, or under another name."),
                TaskStore.InputCommit.Abandoned => ApiError.Result(StatusCodes.Status408RequestTimeout, "UPLOAD_TIMED_OUT",
                    $"Storing the file took longer than {remover.UploadWindow.TotalMinutes:0} min; it was not kept. Upload it again."),
                TaskStore.InputCommit.Expired => TaskLookup.ExpiredByAge(task, scheduler.Value, time)
                    ?? ApiError.Conflict("INVALID_TASK_STATE", "Task expired during the upload; the file was not kept."),
                _ => await store.FindAsync(id, CancellationToken.None) is { } moved && !TaskStatuses.AcceptingUploads.Contains(moved.Status)
                    ? NotAccepting(moved.Status, id, during: true)
                    : ApiError.Conflict("INVALID_TASK_STATE", "The task changed state during the upload; the file was not kept."),
            };
        }
        if (replaced is not null)
        {
            removalLoop.Wake(); // the name's earlier file, no longer an input, is on record for removal
        }
        // A FAILED task stays FAILED (its next run is a retry): no transition, so no event to publish.
        var now = await store.FindAsync(id, ct);
        var status = now?.Status ?? TaskStatuses.Uploading;
        if (now is not null && status != TaskStatuses.Failed)
        {
            await events.PublishAsync(now, ct);
        }
        return Results.Ok(new { task_id = id, file_name = fileName, size_bytes = size, status });
    }

    /// <summary>
    /// 409 INVALID_TASK_STATE for an upload to a task that takes no files now, saying what does work: a queued or
    /// running task's files cannot change under its run (a FAILED one takes files again before a retry); a finished
    /// one takes none, so new files go to a new task.
    /// </summary>
    private static IResult NotAccepting(string status, string taskId, bool during = false)
    {
        var kept = during ? " The file was not kept." : "";
        return ApiError.Conflict("INVALID_TASK_STATE", status switch
        {
            TaskStatuses.Queued or TaskStatuses.Processing =>
                $"Task is {status}: its files cannot change while it is queued or running.{kept} If it fails, upload the fixed file under the same name, then POST /api/tasks/{taskId}/retry; to run other files now, create a new task (POST /api/tasks).",
            _ =>
                $"Task is {status}: it takes no more files (files can be uploaded while a task is CREATED, UPLOADING or UPLOAD_FAILED, and once it has FAILED, before a retry).{kept} Create a new task for these files (POST /api/tasks).",
        });
    }

    /// <summary>
    /// A name that differs from a held one only in letter case (one file on a Windows node's disk) or in Unicode form
    /// (two names that look the same).
    /// </summary>
    private static IResult NameClash(string held, string fileName) => ApiError.Conflict("FILE_NAME_CLASH",
        string.Equals(Agensium.Analysis.Common.ComposedText.Of(held), Agensium.Analysis.Common.ComposedText.Of(fileName), StringComparison.Ordinal)
            ? $"The task holds or is receiving '{held}', which is '{fileName}' written in another Unicode form (a precomposed letter against a letter and a combining accent): the two look the same. Upload it as '{held}' to replace it, or under another name."
            : $"The task holds or is receiving '{held}', which differs from '{fileName}' only in letter case{(string.Equals(held, fileName, StringComparison.OrdinalIgnoreCase) ? "" : " and Unicode form")}: on a Windows node both are one file. Upload it as '{held}' to replace it, or under another name.");

    /// <summary>
    /// Gives the reservation back and the key up for removal; if the database is unreachable too, the row only counts
    /// against the limit and the key is removed once the upload's window is over.
    /// </summary>
    private static async Task ReleaseQuietlyAsync(TaskInputSlots slots, string taskId, string fileName, Guid reservation, string key, int rechecks)
    {
        try
        {
            await slots.ReleaseAsync(taskId, fileName, reservation, key, rechecks, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// The content type the object is stored with: the client's when it is a well-formed media type (its parameters
    /// such as charset kept), else application/octet-stream. A malformed header (text/csv;, text, /, garbage/;;;) is
    /// not the client's file and never reaches S3 (the SDK threw FormatException on it: 500, after the object was
    /// written). Nothing reads an input's content type: a job knows a file by its name.
    /// </summary>
    public static string StoredContentType(string? header)
    {
        if (!string.IsNullOrWhiteSpace(header)
            && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(header, out var parsed)
            && parsed.MediaType is { } media && media.Split('/') is [{ Length: > 0 }, { Length: > 0 }])
        {
            try
            {
                // The same check the SDK's HttpClient runs on the header it sends.
                using var probe = new ByteArrayContent([]);
                probe.Headers.ContentType = parsed;
                return parsed.ToString();
            }
            catch (FormatException)
            {
            }
        }
        return "application/octet-stream";
    }

    /// <summary>A form media type whose header ASP.NET Core could not parse (multipart/form-data;;): still a form.</summary>
    private static bool IsFormMediaType(string? header)
    {
        var media = header?.Split(';', 2)[0].Trim();
        return string.Equals(media, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || string.Equals(media, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
    }
}
