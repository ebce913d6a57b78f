using Agensium.Scheduler.Hosting;
using Agensium.Scheduler.Worker;

// `Agensium.Scheduler worker` is a pooled child process that runs analyses one at a time (see WorkerPool, WorkerLauncher).
if (args is [WorkerHost.Command])
{
    return await WorkerHost.RunAsync();
}

// Operator and local-mode commands (inspect, history, submit, download, cancel, debug, analyze); no arguments runs the service.
if (Agensium.Scheduler.Cli.CliApp.IsCommandLine(args))
{
    try
    {
        return await Agensium.Scheduler.Cli.CliApp.RunAsync(args);
    }
    catch (Exception e) when (Agensium.Scheduler.Cli.CliErrors.Describe(e) is { } failure)
    {
        // A refusal or an outside failure (no node, no database, Ctrl-C): one line, not a stack trace; with --json also
        // {error_code, message} on standard output, where a script reads the result.
        await Console.Error.WriteLineAsync(failure.Message);
        if (Agensium.Scheduler.Cli.CliErrors.WantsJson(args))
        {
            Console.WriteLine(Agensium.Scheduler.Cli.CliErrors.ToJson(e, failure.ErrorCode, failure.Message));
        }
        return failure.ExitCode;
    }
}

// appsettings.json sits beside the executable, so the service finds it whatever its working directory
// (a Windows service starts in System32, systemd in /).
// A node that cannot start (a setting refused, a malformed connection string) says why in one line and exits with
// EX_CONFIG (78), which the systemd unit does not restart; once started, failures are the host's to log.
// Under systemd the console lines carry their syslog priority, which journald files them by (journalctl -p err).
if (Agensium.Scheduler.Logging.JournalPriorityWriter.UnderJournald)
{
    Console.SetOut(new Agensium.Scheduler.Logging.JournalPriorityWriter(Console.Out));
}

// A stop (SIGTERM, SIGINT) from here on is recorded and handed to the host once it is built; before, one in the first
// second or two of the start (settings read, host built) ended the node as the signal does by default: exit 143.
using var earlyStop = new EarlyStopSignals();
var started = false;
var stopRequested = false;
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.AddAgensiumServices();

    var app = builder.Build();
    app.MapAgensiumApi();
    app.Lifetime.ApplicationStarted.Register(() => started = true);
    // Read after RunAsync has disposed the host (its Lifetime can no longer be asked then).
    app.Lifetime.ApplicationStopping.Register(() => stopRequested = true);
    earlyStop.HandTo(app.Lifetime);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (!started && StartupFailure.IsConfiguration(e))
{
    await Console.Error.WriteLineAsync(Agensium.Scheduler.Logging.JournalPriorityWriter.Prefixed("<3>", $"Agensium.Scheduler did not start: {StartupFailure.Describe(e)}"));
    return StartupFailure.ExitCode;
}
catch (Exception) when (!started && (stopRequested || earlyStop.Requested))
{
    // SIGTERM (systemctl stop, Ctrl-C) while the node was still starting (waiting for the schema lock, for Quartz): the
    // start is abandoned (the host, disposed by RunAsync, let go of what had started) and the node exits 0 as after any
    // stop, not 134 with a trace. The scheduler had not started, so the cluster has nothing of this node's to recover.
    await Console.Error.WriteLineAsync(Agensium.Scheduler.Logging.JournalPriorityWriter.Prefixed("<5>", "Agensium.Scheduler stopped while starting: a stop was requested before the node was ready."));
    return 0;
}
catch (Exception e) when (!started && StartupFailure.UnreachableDependency(e) is { } unreachable)
{
    // Not a settings error: the unit restarts the node (exit 1), which starts once the dependency is back.
    await Console.Error.WriteLineAsync(Agensium.Scheduler.Logging.JournalPriorityWriter.Prefixed("<3>", $"Agensium.Scheduler did not start: {unreachable}"));
    return 1;
}

/// <summary>Entry point; public for integration tests that refer to the assembly.</summary>
public partial class Program;
