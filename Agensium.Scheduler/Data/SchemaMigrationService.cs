using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Data;

/// <summary>Runs the migrator before anything else starts (registered ahead of Quartz's hosted service).</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ApplyMigrations)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
