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
        app.MapGet("/api/tasks/{taskId}", GetAsync);
        app.MapGet("/api/tasks/{taskId}/explain", ExplainAsync);
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
            return ApiError.BadRequest("UNKNOWN_TOOL", $"Unknown tool. Known tools: {string.Join(", ", tools.KnownToolIds)}.");
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
                return ApiError.BadRequest("UNKNOWN_AGENT", $"{toolId} has no agent named {string.Join(", ", unknown.Select(u => u.Length > 100 ? u[..100] : u))}.");
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
        });
    }

    private static async Task<IResult> ExplainAsync(string taskId, TaskStore store, TaskDiagnostics diagnostics, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        return task is null ? error! : Results.Ok(await diagnostics.ExplainAsync(task, ct));
    }

    private static async Task<IResult> GetAsync(string taskId, TaskStore store, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        return task is null ? error! : Results.Ok(TaskResponse.From(task));
    }
}
