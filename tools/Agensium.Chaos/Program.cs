using Agensium.Chaos;

// Chaos runner (issue 8): three real service nodes on this checkout's stack, a stream of short jobs, and faults
// injected while it runs. scripts/chaos.sh builds and starts it; see ChaosOptions for the arguments.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(ChaosOptions.Usage);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var report = await ChaosRunner.RunAsync(options, Console.Out, cancel.Token);
return report.Violations.Count == 0 ? 0 : 1;
