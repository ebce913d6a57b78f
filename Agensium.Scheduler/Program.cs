using Agensium.Scheduler.Hosting;

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

/// <summary>Entry point; public for integration tests that refer to the assembly.</summary>
public partial class Program;
