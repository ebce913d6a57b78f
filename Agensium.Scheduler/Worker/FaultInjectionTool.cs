using System.Globalization;
using System.Text;
using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// A drill tool, enabled only by Worker:EnableFaultInjection. The first line of its data file is a command:
/// <c>ok</c>, <c>sleep:SECONDS</c> (cooperative, with progress), <c>block:SECONDS</c> (ignores cancellation),
/// <c>spin</c> (CPU loop that ignores cancellation), <c>crash</c>, <c>stackoverflow</c>, <c>oom</c>,
/// <c>transient-until:N</c> (a connection failure on attempts before N) and <c>permanent</c> (bad data).
/// </summary>
public sealed class FaultInjectionTool : IAnalysisTool
{
    public const string ToolId = "x-fault-injection";
    public const string OutputName = "fault_injection_result.json";

    public string Id => ToolId;
    public IReadOnlyList<string> Agents { get; } = ["fault"];
    public IReadOnlyList<string> DefaultAgents { get; } = ["fault"];

    /// <summary>Set by the worker host: the attempt number, for transient-until.</summary>
    public int Attempt { get; set; } = 1;

    public async Task<AnalysisResult> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        var data = request.Inputs.FirstOrDefault(i => !i.Name.Equals("parameters.json", StringComparison.OrdinalIgnoreCase))
            ?? throw new AnalysisException(AnalysisErrorCodes.NoInputFiles, "no data file");
        var command = (File.ReadLines(data.Path).FirstOrDefault() ?? "").Trim();
        var (verb, arg) = command.Split(':', 2) is [var v, var a] ? (v, a) : (command, "");
        progress?.Report(new AnalysisProgress(15, "fault"));
        switch (verb)
        {
            case "ok":
                break;
            case "sleep":
                var steps = (int)(double.Parse(arg, CultureInfo.InvariantCulture) * 10);
                for (var i = 0; i < steps; i++)
                {
                    await Task.Delay(100, cancellationToken);
                    if (i % 10 == 9)
                    {
                        progress?.Report(new AnalysisProgress(15 + (i * 80 / Math.Max(1, steps)), "fault"));
                    }
                }
                break;
            case "block":
                Thread.Sleep(TimeSpan.FromSeconds(double.Parse(arg, CultureInfo.InvariantCulture)));
                break;
            case "spin":
                Spin();
                break;
            case "crash":
                Environment.FailFast("x-fault-injection: crash");
                break;
            case "stackoverflow":
                Recurse(0);
                break;
            case "oom":
                var hog = new List<byte[]>();
                while (true)
                {
                    var block = new byte[64 * 1024 * 1024];
                    Array.Fill(block, (byte)1);
                    hog.Add(block);
                }
            case "transient-until":
                if (Attempt < int.Parse(arg, CultureInfo.InvariantCulture))
                {
                    throw new IOException($"x-fault-injection: connection reset on attempt {Attempt}");
                }
                break;
            case "permanent":
                throw new AnalysisException(AnalysisErrorCodes.ProcessingError, "x-fault-injection: the data is bad");
            default:
                throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, $"unknown fault command '{command}'");
        }

        var path = Path.Combine(request.OutputDirectory, OutputName);
        // Marked as the node's own disk (LocalWriteStream): a read-only outputs folder fails STORAGE_ERROR, not TRANSIENT_ERROR.
        await using (var file = Agensium.Analysis.Input.LocalWriteStream.Create(path))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes($"{{\"command\":\"{verb}\",\"attempt\":{Attempt}}}"), cancellationToken);
        }
        return AnalysisResult.Success([new OutputFile(OutputName, path, "application/json")], 0);
    }

    private static void Spin()
    {
        long x = 0;
        while (x >= 0)
        {
            x = (x + 1) % long.MaxValue;
        }
    }

    private static int Recurse(int depth)
    {
        Span<byte> frame = stackalloc byte[1024];
        frame[0] = (byte)depth;
        return Recurse(depth + 1) + frame[0];
    }
}
