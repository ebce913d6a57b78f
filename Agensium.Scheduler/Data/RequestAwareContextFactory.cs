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
        new(Pooled(database.Background, services), Pooled(database.Requests, services));

    public AgensiumDbContext CreateDbContext() => (RequestDatabaseScope.IsActive ? requests : background).CreateDbContext();

    public Task<AgensiumDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        (RequestDatabaseScope.IsActive ? requests : background).CreateDbContextAsync(cancellationToken);

    private static PooledDbContextFactory<AgensiumDbContext> Pooled(Npgsql.NpgsqlDataSource source, IServiceProvider services)
    {
        // The application's services, as AddPooledDbContextFactory wires them: EF Core logs through the node's logger
        // (and its filters, Logging/DatabaseOutageEchoes), a failed command with the exception that failed it
        // (FailedCommandLog), on both pools: a request meets the idle pooled connection a PostgreSQL restart killed, and
        // a background loop's command is cut by an outage.
        var builder = new DbContextOptionsBuilder<AgensiumDbContext>()
            .UseNpgsql(source)
            .UseApplicationServiceProvider(services);
        return new PooledDbContextFactory<AgensiumDbContext>(FailedCommandLog.Configure(builder).Options);
    }
}
