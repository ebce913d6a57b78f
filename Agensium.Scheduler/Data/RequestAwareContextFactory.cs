using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Agensium.Scheduler.Data;

/// <summary>
/// EF Core's contexts on the same two pools as <see cref="Database"/>: a context created while the code serves an HTTP
/// request (<see cref="RequestDatabaseScope"/>) connects through the requests' pool and its short timeouts, any other
/// through the background pool. Each side keeps a pool of reusable contexts, as AddPooledDbContextFactory did.
/// </summary>
public sealed class RequestAwareContextFactory(IDbContextFactory<AgensiumDbContext> background, IDbContextFactory<AgensiumDbContext> requests)
    : IDbContextFactory<AgensiumDbContext>
{
    public static RequestAwareContextFactory Create(Database database, IServiceProvider services) =>
        new(Pooled(database.Background, services, logFailedCommands: false), Pooled(database.Requests, services, logFailedCommands: true));

    public AgensiumDbContext CreateDbContext() => (RequestDatabaseScope.IsActive ? requests : background).CreateDbContext();

    public Task<AgensiumDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        (RequestDatabaseScope.IsActive ? requests : background).CreateDbContextAsync(cancellationToken);

    private static PooledDbContextFactory<AgensiumDbContext> Pooled(Npgsql.NpgsqlDataSource source, IServiceProvider services, bool logFailedCommands)
    {
        // The application's services, as AddPooledDbContextFactory wires them: EF Core logs through the node's logger
        // (and its filters, Logging/DatabaseOutageEchoes). The requests' contexts log a failed command with its exception
        // (FailedCommandLog): a request meets the idle pooled connection a PostgreSQL restart killed, where the background
        // pool's are found by the node's loops within a second. Not the background contexts': with an interceptor EF Core
        // builds event data for every command it runs, which cost a 1-node drain of no-op jobs 5-9 % of its rate
        // (175/184 jobs/s without, 160/176 with, alternated; docs/benchmarks.md).
        var builder = new DbContextOptionsBuilder<AgensiumDbContext>()
            .UseNpgsql(source)
            .UseApplicationServiceProvider(services);
        var options = (logFailedCommands ? FailedCommandLog.Configure(builder, services.GetRequiredService<ILoggerFactory>()) : builder).Options;
        return new PooledDbContextFactory<AgensiumDbContext>(options);
    }
}
