using Microsoft.Extensions.Configuration;

namespace Agensium.Scheduler.Hosting;

/// <summary>
/// Binds a settings section so that a key no option has (a misspelt "Concurency" in appsettings.json or
/// Scheduler__Concurency in the environment) stops the node at start-up, naming the key, instead of being ignored
/// while the default runs.
/// </summary>
public static class StrictBinding
{
    public static void Configure(BinderOptions options) => options.ErrorOnUnknownConfiguration = true;
}
