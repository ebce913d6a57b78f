using System.Diagnostics;
using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Runs one tool for one task: inputs from S3 into a private work folder, the tool, outputs back to S3.
/// Outputs are overwritten by key, so a re-run after a crash replaces rather than duplicates them.
/// </summary>
public sealed class AnalysisRunner(ToolCatalog tools, IObjectStore store, IOptions<SchedulerOptions> options)
{
    public async Task<JobOutcome> RunAsync(string taskId, long userId, string toolId, IReadOnlyList<string> agents,
        string fireInstanceId, IProgress<AnalysisProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (!ToolCatalog.IsKnown(toolId))
        {
            return JobOutcome.Failed(ErrorCodes.UnknownTool, $"Unknown tool: {toolId}");
        }
        if (!tools.TryGet(toolId, out var tool))
        {
            return JobOutcome.Failed(ErrorCodes.ToolNotImplemented, $"Tool {toolId} is not available in this version of Agensium.Scheduler");
        }

        var root = string.IsNullOrEmpty(options.Value.WorkDirectory) ? Path.GetTempPath() : options.Value.WorkDirectory;
        var work = Path.Combine(root, "agensium-work", fireInstanceId);
        var inputsDir = Directory.CreateDirectory(Path.Combine(work, "inputs")).FullName;
        var outputsDir = Directory.CreateDirectory(Path.Combine(work, "outputs")).FullName;
        try
        {
            var inputs = await DownloadInputsAsync(userId, taskId, inputsDir, ct);
            if (!inputs.Any(i => !string.Equals(i.Name, "parameters.json", StringComparison.OrdinalIgnoreCase)))
            {
                return JobOutcome.Failed(ErrorCodes.NoInputFiles, "No input files were uploaded for this task");
            }

            var result = await tool.RunAsync(new AnalysisRequest(taskId, inputs, agents, outputsDir), progress, ct);
            if (!result.Succeeded)
            {
                return JobOutcome.Failed(result.ErrorCode ?? ErrorCodes.ProcessingError, result.ErrorMessage ?? "The analysis failed");
            }

            var uploaded = new JsonArray();
            foreach (var output in result.Outputs)
            {
                var key = TaskPaths.Output(userId, taskId, output.Name);
                await store.PutFileAsync(key, output.Path, output.ContentType, ct);
                uploaded.Add(key);
            }
            return JobOutcome.Completed(new JsonObject
            {
                ["status"] = "success",
                ["task_id"] = taskId,
                ["execution_time_ms"] = clock.ElapsedMilliseconds,
                ["outputs"] = uploaded,
            });
        }
        finally
        {
            TryDelete(work);
        }
    }

    private async Task<List<InputFile>> DownloadInputsAsync(long userId, string taskId, string inputsDir, CancellationToken ct)
    {
        var prefix = TaskPaths.InputsPrefix(userId, taskId);
        var inputs = new List<InputFile>();
        foreach (var obj in await store.ListAsync(prefix, ct))
        {
            var name = obj.Key[prefix.Length..];
            if (name.Length == 0 || name.Contains('/'))
            {
                continue;
            }
            var path = Path.Combine(inputsDir, name);
            await store.DownloadToFileAsync(obj.Key, path, ct);
            inputs.Add(new InputFile(name, path));
        }
        return inputs;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner; never fail a job over its scratch folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
