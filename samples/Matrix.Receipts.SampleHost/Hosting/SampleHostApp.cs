using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// Builds and starts the sample homeserver: parses the command line, loads the world, wires the receipts module with
/// the chosen store, maps the routes, and prints its URL and the access tokens (one line each).
/// </summary>
internal static class SampleHostApp
{
    /// <summary>Exit code for a bad command line.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code for a fixture that cannot be loaded.</summary>
    public const int FixtureExitCode = 3;

    /// <summary>Exit code for a host that could not start (for example the port is taken or the store is unreachable).</summary>
    public const int StartExitCode = 4;

    /// <summary>Runs until the process is stopped (Ctrl+C); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        (WebApplication? app, int exitCode) = await StartAsync(args, output, errors, CancellationToken.None);
        if (app is null)
        {
            return exitCode;
        }

        await using (app)
        {
            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>
    /// Starts the host. On success returns the running application (the caller stops and disposes it); on failure
    /// writes a message naming the problem to <paramref name="errors"/> and returns the exit code.
    /// </summary>
    public static async Task<(WebApplication? App, int ExitCode)> StartAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellationToken,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<IServiceCollection>? configureServices = null)
    {
        if (!SampleHostOptions.TryParse(args, out SampleHostOptions? options, out string? argumentError))
        {
            await errors.WriteLineAsync("error: " + argumentError);
            await errors.WriteLineAsync(SampleHostOptions.Usage);
            return (null, UsageExitCode);
        }

        if (options.ShowHelp)
        {
            await output.WriteLineAsync(SampleHostOptions.Usage);
            return (null, 0);
        }

        SampleWorld world;
        if (options.FixturePath is null)
        {
            world = FixtureLoader.LoadDemo();
        }
        else if (!FixtureLoader.TryLoadFile(options.FixturePath, out SampleWorld? loaded, out string? fixtureError))
        {
            await errors.WriteLineAsync("error: " + fixtureError);
            return (null, FixtureExitCode);
        }
        else
        {
            world = loaded;
        }

        WebApplication? app = null;
        WorldJournal? journal = null;
        try
        {
            if (options.Store == StoreKind.Sqlite)
            {
                // Stored receipts keep the stream orderings of their events: the world they point into must survive a
                // restart with the same orderings, so its changes are journalled next to receipts.db and replayed here.
                Directory.CreateDirectory(options.DataDirectory);
                if (!WorldJournal.TryOpen(Path.Combine(options.DataDirectory, WorldJournal.FileName), world, out journal, out string? journalError))
                {
                    await errors.WriteLineAsync("error: " + journalError);
                    return (null, StartExitCode);
                }
            }

            app = Build(options, world, configureLogging, configureServices);
            if (journal is not null)
            {
                app.Lifetime.ApplicationStopped.Register(journal.Dispose);
            }

            await app.StartAsync(cancellationToken);

            // Reach the store now, so a wrong connection string or an unwritable data folder stops the host at start
            // with a message instead of failing the first request.
            await app.Services.GetRequiredService<IReceiptStore>().GetCurrentPositionAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NpgsqlException or System.Net.Sockets.SocketException
            or Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException or TimeoutException or ArgumentException
            or OptionsValidationException)
        {
            await errors.WriteLineAsync($"error: the host could not start ({DescribeStore(options)}): {e.Message}");
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            journal?.Dispose();
            return (null, StartExitCode);
        }

        await output.WriteLineAsync("url: " + GetListeningUrl(app, options.Url));
        await output.WriteLineAsync("store: " + DescribeStore(options));
        foreach ((AuthenticatedUser user, string token) in world.Users)
        {
            await output.WriteLineAsync($"token: {user.UserId} {token}{(user.IsGuest ? " guest" : string.Empty)}");
        }

        await output.FlushAsync(cancellationToken);
        return (app, 0);
    }

    /// <summary>The first address the server listens on (with the real port when port 0 was asked for).</summary>
    public static string GetListeningUrl(WebApplication app, string fallback)
    {
        ICollection<string>? addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() ?? fallback;
    }

    private static WebApplication Build(
        SampleHostOptions options, SampleWorld world, Action<ILoggingBuilder>? configureLogging, Action<IServiceCollection>? configureServices)
    {
        // The command line is ours alone: the host's own argument parsing would accept typos silently.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);

        IServiceCollection services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(world);
        services.AddSingleton<IHomeserverRooms>(world);
        services.AddSingleton<IAccessTokenValidator>(world);
        services.AddSingleton<RoomAccountData>();
        services.AddSingleton<UnreadCounter>();
        services.AddSingleton<SyncComputer>();

        // Client-server API "Web Browser Clients": every /_matrix endpoint answers CORS, preflights included.
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "POST", "PUT", "DELETE", "OPTIONS")
            .WithHeaders("X-Requested-With", "Content-Type", "Authorization")));

        NpgsqlDataSource? dataSource = null;
        MatrixReceiptsBuilder receipts = services.AddMatrixReceipts(o => o.RateLimitPerSecond = options.RateLimitPerSecond);
        switch (options.Store)
        {
            case StoreKind.Sqlite:
                Directory.CreateDirectory(options.DataDirectory);
                receipts.UseSqliteStore(Path.Combine(options.DataDirectory, "receipts.db"));
                break;
            case StoreKind.Postgres:
                dataSource = NpgsqlDataSource.Create(options.ConnectionString!);
                receipts.UsePostgreSqlStore(dataSource);
                break;
            default:
                break;
        }

        configureServices?.Invoke(services);

        WebApplication app = builder.Build();
        if (dataSource is not null)
        {
            // The host owns the data source it created: close its connections when the host stops.
            app.Lifetime.ApplicationStopped.Register(dataSource.Dispose);
        }

        // First, so a preflight OPTIONS is answered 204 here and never reaches routing's 405 or the error mapping.
        app.UseCors();

        // Routing's bare 404/405 and unexpected failures under /_matrix answer with Matrix error bodies, never HTML.
        app.UseMatrixErrors();
        app.MapMatrixReceipts();
        ClientRoutes.Map(app);
        RoomRoutes.Map(app);
        AccountDataRoutes.Map(app);
        SyncRoute.Map(app);
        return app;
    }

    private static string DescribeStore(SampleHostOptions options) => options.Store switch
    {
        StoreKind.Sqlite => "sqlite " + Path.Combine(options.DataDirectory, "receipts.db"),
        StoreKind.Postgres => "postgres",
        _ => "memory",
    };
}
