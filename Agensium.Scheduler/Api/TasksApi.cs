using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;
using Agensium.Scheduler.Worker;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>Create a task, read it; uploads, processing and outputs live in their own *Api classes.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks", CreateAsync).RequireSubmitQuota();
        app.MapGetAndHead("/api/tasks", ListAsync);
        app.MapGetAndHead("/api/tasks/{taskId}", GetAsync);
        app.MapGetAndHead("/api/tasks/{taskId}/explain", ExplainAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TaskStore store, ToolRegistry tools,
        IOptions<ApiOptions> options, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, options.Value.MaxJsonBytes, required: true, ["user_id", "tool_id", "agents"], ct);
        if (error is not null)
        {
            return error;
        }
        if (body!["user_id"] is not JsonValue userValue || !userValue.TryGetValue<long>(out var userId) || userId <= 0)
        {
            return ApiError.BadRequest("INVALID_USER_ID", "user_id must be a positive integer.");
        }
        if (body["tool_id"] is not JsonValue toolValue || !toolValue.TryGetValue<string>(out var toolId))
        {
            return ApiError.BadRequest("INVALID_TOOL_ID", "tool_id must be a string.");
        }
        if (!tools.IsKnown(toolId))
        {
            return UnknownTool(toolId, tools);
        }

        // An empty list means the tool's default chain, chosen when it runs (it depends on the inputs, e.g. a baseline).
        var agents = new List<string>();
        if (body["agents"] is JsonNode agentsNode)
        {
            if (agentsNode is not JsonArray array || array.Any(a => a is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                return ApiError.BadRequest("INVALID_AGENTS", "agents must be an array of agent ids.");
            }
            var requested = array.Select(a => a!.GetValue<string>()).ToList();
            var allowed = tools.AgentsOf(toolId);
            var unknown = requested.Where(a => !allowed.Contains(a)).ToList();
            if (unknown.Count > 0)
            {
                return ApiError.BadRequest("UNKNOWN_AGENT", $"{toolId} has no agent named {Agensium.Analysis.UnknownNames.Describe(unknown)}.{Agensium.Analysis.UnknownNames.Hint(unknown, allowed)}");
            }
            agents = [.. requested.Distinct(StringComparer.Ordinal)]; // an agent runs once however often it is named
        }

        var created = await store.CreateAsync(userId, toolId, JsonSerializer.Serialize(agents), ct);
        if (created is null)
        {
            return ApiError.NotFound("USER_NOT_FOUND", $"User {userId} does not exist.");
        }
        return Results.Created($"/api/tasks/{created.TaskId}", new
        {
            task_id = created.TaskId,
            status = created.Status,
            tool_id = created.ToolId,
            agents,
            created_at = created.CreatedAt,
            message = $"Task created. Upload its input files (PUT /api/tasks/{created.TaskId}/inputs/{{file_name}}), then POST /api/tasks/{created.TaskId}/process.",
        });
    }

    private static async Task<IResult> ExplainAsync(string taskId, TaskStore store, TaskDiagnostics diagnostics, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        return task is null ? error! : Results.Ok(await diagnostics.ExplainAsync(task, ct));
    }

    private static readonly string[] ListParameters = ["status", "tool_id", "user_id", "limit", "offset"];

    /// <summary>GET /api/tasks?status&amp;tool_id&amp;user_id&amp;limit(1–100, 20)&amp;offset: tasks newest first (AGENSIUM §3.1).</summary>
    private static async Task<IResult> ListAsync(HttpRequest request, TaskStore store, ToolRegistry tools, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !ListParameters.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            string hint = Agensium.Analysis.Common.NameSuggestion.Closest(unknown, ListParameters) is { } closest ? $" Did you mean '{closest}'?" : "";
            return ApiError.BadRequest("UNKNOWN_PARAMETER", $"Unknown query parameter '{unknown}'. This route reads: {string.Join(", ", ListParameters)}.{hint}");
        }
        if (query.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } repeated })
        {
            return ApiError.BadRequest("REPEATED_PARAMETER", $"Query parameter '{repeated}' is given more than once; each filter takes one value.");
        }
        string? status = query["status"].FirstOrDefault()?.ToUpperInvariant();
        if (status is not null && !TaskStatuses.All.Contains(status))
        {
            return ApiError.BadRequest("INVALID_STATUS", $"status must be one of {string.Join(", ", TaskStatuses.All)}.");
        }
        string? toolId = query["tool_id"].FirstOrDefault();
        if (toolId is not null && !tools.IsKnown(toolId))
        {
            // Refused as task creation refuses it (tool ids are exact, lower-case names): an unknown or mis-cased id
            // would otherwise list nothing, as if the tool had no tasks.
            return UnknownTool(toolId, tools);
        }
        long? userId = null;
        if (query["user_id"].FirstOrDefault() is { } rawUser)
        {
            if (!long.TryParse(rawUser, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var u) || u <= 0)
            {
                return ApiError.BadRequest("INVALID_USER_ID", "user_id must be a positive integer.");
            }
            userId = u;
        }
        if (!TryInt(query["limit"].FirstOrDefault(), 20, 1, 100, out int limit))
        {
            return ApiError.BadRequest("INVALID_LIMIT", "limit must be a whole number from 1 to 100.");
        }
        if (!TryInt(query["offset"].FirstOrDefault(), 0, 0, 1_000_000, out int offset))
        {
            return ApiError.BadRequest("INVALID_OFFSET", "offset must be a whole number from 0 to 1,000,000.");
        }
        var tasks = await store.ListAsync(status, toolId, userId, limit, offset, ct);
        return Results.Ok(new { tasks = tasks.Select(TaskResponse.From), limit, offset });
    }

    /// <summary>400 UNKNOWN_TOOL, naming the known tools and the one meant when it is close ("Profile-My-Data").</summary>
    private static IResult UnknownTool(string toolId, ToolRegistry tools) =>
        ApiError.BadRequest("UNKNOWN_TOOL", $"Unknown tool. {UnknownToolHint.Describe(toolId, tools.KnownToolIds)}");

    private static bool TryInt(string? raw, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return raw is null || (int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static async Task<IResult> GetAsync(string taskId, TaskStore store, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        return task is null ? error! : Results.Ok(TaskResponse.From(task));
    }
}
