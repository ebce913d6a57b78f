using Agensium.Scheduler.Api;
using Agensium.Scheduler.Dashboard;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Agensium.Scheduler.Metrics;
using Agensium.Scheduler.Operations;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog;

namespace Agensium.Scheduler.Hosting;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddAgensiumServices(this WebApplicationBuilder builder)
    {
        HostSettingsCheck.Run(builder.Configuration);
        builder.Host.UseWindowsService(o => o.ServiceName = "Agensium.Scheduler");
        builder.Host.UseSystemd();

        var services = builder.Services;
        services.AddSingleton<NodeIdentity>();
        services.AddSerilog((sp, lc) => lc.ConfigureNodeLogging(builder.Configuration, sp.GetRequiredService<NodeIdentity>()));

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section, StrictBinding.Configure)
            .Configure<IConfiguration>((o, c) => o.ConnectionString = c.GetConnectionString("Postgres") ?? o.ConnectionString)
            .ValidateDataAnnotations()
            .Validate(o => DatabaseOptions.WholeSeconds(o.RequestCommandTimeout),
                "Database:RequestCommandTimeout must be a whole number of seconds (Npgsql counts seconds), e.g. 00:00:05.")
            .Validate(o => DatabaseOptions.WholeSeconds(o.RequestConnectTimeout),
                "Database:RequestConnectTimeout must be a whole number of seconds (Npgsql counts seconds), e.g. 00:00:03.")
            .ValidateOnStart();
        // Two pools (Data/Database): the background one (jobs, listener, loops, start-up) with the connection string's
        // timeouts, and the HTTP requests' with Database:RequestConnectTimeout and RequestCommandTimeout.
        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return new NpgsqlDataSourceBuilder(database.Tuned()).Build();
        });
        services.AddKeyedSingleton(Database.RequestsKey, (sp, _) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return new NpgsqlDataSourceBuilder(database.ForRequests()).Build();
        });
        services.AddSingleton(sp => new Database(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredKeyedService<NpgsqlDataSource>(Database.RequestsKey)));
        services.AddSingleton<IDbContextFactory<AgensiumDbContext>>(sp => RequestAwareContextFactory.Create(sp.GetRequiredService<Database>(), sp));
        services.AddSingleton<SchemaMigrator>();
        // Registered before Quartz's hosted service: the schema exists before any scheduler touches it.
        services.AddHostedService<SchemaMigrationService>();
        // After the migrations, before the scheduler: tasks from before task_inputs (007) get their inputs registered.
        services.AddSingleton<LegacyInputRegistration>();
        services.AddHostedService<LegacyInputRegistrationService>();
        services.AddHostedService<Jobs.InstanceIdGuard>();

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section, StrictBinding.Configure).ValidateDataAnnotations()
            // Api__Keys__0= (empty) replaced the development key with one no request can send: every call got 401.
            .Validate(o => o.Keys.All(k => !string.IsNullOrWhiteSpace(k)), "Api:Keys has an empty key; give every key a value (Api__Keys__0=…).")
            .ValidateOnStart();
        services.AddSingleton<ApiKeys>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section, StrictBinding.Configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardSession>();
        services.AddSingleton<DashboardSessionRevocations>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<TaskInputSlots>();
        services.AddSingleton<TaskInputRemoval>();
        services.AddSingleton<StorageRemovals>();
        services.AddSingleton<StorageRemover>();
        services.AddSingleton<StorageRemovalLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageRemovalLoop>());
        services.AddSingleton<OperatorActions>();
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section, StrictBinding.Configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoginQuota>();
        services.AddSingleton<ApiKeyGuessLimit>();
        services.AddSingleton<SubmitQuota>();
        services.AddSingleton<ReportRenderGate>();
        services.AddAgensiumStorage();
        services.AddAgensiumMessaging();
        services.AddAgensiumScheduler(builder.Configuration);
        services.AddAgensiumMetrics();
        services.AddHostedService<NodeAnnouncer>();
        // After the announcer: the heartbeat writes the node's Quartz instance id.
        services.AddHostedService<NodeHeartbeat>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        });
        return builder;
    }

    public static WebApplication MapAgensiumApi(this WebApplication app)
    {
        // First: every later part (the login limit, the audit log) sees the client's address.
        app.UseTrustedProxies();
        // Every request's database calls from here on use the requests' pool and its short timeouts (Data/Database).
        app.UseMiddleware<RequestDatabaseScopeMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOperationsApi();
        app.MapTasksApi();
        app.MapUploadsApi();
        app.MapInputRemovalApi();
        app.MapProcessingApi();
        app.MapOutputsApi();
        app.MapDownloadsApi();
        app.MapCancelApi();
        app.MapEventsApi();
        app.MapDashboard();
        // Browsers ask for an icon on every page (the dashboard's too): none, without a key (it was 401 JSON).
        app.MapGetAndHead("/favicon.ico", () => Results.NoContent()); // ApiKeyMiddleware.FaviconPath
        app.MapPrometheusScrapingEndpoint(app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Path).OnlyGetAndHead();
        return app;
    }
}
