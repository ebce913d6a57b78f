using System.Globalization;
using Agensium.Benchmarks.Scheduler;

// Drives a running Agensium.Scheduler cluster with no-op jobs (tool x-noop, Worker:EnableBenchmarkTools=true)
// through its HTTP API and reads the outcome from PostgreSQL. scripts/bench-scheduler.sh starts the nodes.
//   throughput --api URL[,URL...] --conn CS --count N [--warmup W]   W tasks first (not counted), then N submitted at once, first submit → last completion
//   latency    --api URL --conn CS --count N [--warmup W]  W at once (not measured), then one at a time, POST /process → job start
//   backlog    --api URL[,URL...] --conn CS --count N     N queued while no node runs jobs (submit only)
//   drain      --conn CS --count N                        waits for those N to finish, prints the drain rate
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var ct = cancel.Token;
var report = options.Mode switch
{
    "throughput" => await ThroughputRun.RunAsync(options, ct),
    "latency" => await LatencyRun.RunAsync(options, ct),
    "backlog" => await BacklogRun.SubmitAsync(options, ct),
    "drain" => await BacklogRun.DrainAsync(options, ct),
    _ => throw new ArgumentException($"unknown mode {options.Mode}"),
};
Console.WriteLine(report.ToString(CultureInfo.InvariantCulture));
return 0;
