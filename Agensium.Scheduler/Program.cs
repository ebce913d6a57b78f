using Agensium.Scheduler.Hosting;
using Agensium.Scheduler.Worker;

// `Agensium.Scheduler worker` is a pooled child process that runs analyses one at a time (see WorkerPool, WorkerLauncher).
if (args is [WorkerHost.Command])
{
    return await WorkerHost.RunAsync();
}

// Operator and local-mode commands (inspect, history, submit, cancel, debug, analyze); no arguments runs the service.
if (args.Length > 0 && Agensium.Scheduler.Cli.CliApp.Commands.Contains(args[0]))
{
    try
    {
        return await Agensium.Scheduler.Cli.CliApp.RunAsync(args);
    }
    catch (Agensium.Scheduler.Cli.CliException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
}

// appsettings.json sits beside the executable, so the service finds it whatever its working directory
// (a Windows service starts in System32, systemd in /).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddAgensiumServices();

var app = builder.Build();
app.MapAgensiumApi();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for integration tests that refer to the assembly.</summary>
public partial class Program;
