using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>
/// A throw-away database on the test server (env <c>MATRIX_RECEIPTS_POSTGRES</c>), created with a random name and
/// dropped on dispose. When the server cannot be reached the test fails with a message saying how to start it.
/// </summary>
internal sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "MATRIX_RECEIPTS_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=matrix_receipts_test;Password=matrix_receipts_test";

    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static bool s_startAttempted;

    private readonly List<NpgsqlDataSource> _dataSources = [];

    private PostgreSqlTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = CreateDataSource();
    }

    public string Name { get; }

    /// <summary>The connection string of the throw-away database.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source on the throw-away database (disposed with it).</summary>
    public NpgsqlDataSource DataSource { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static async Task<PostgreSqlTestDatabase> CreateAsync()
    {
        string name = "matrix_receipts_test_" + Guid.NewGuid().ToString("N")[..16];
        NpgsqlConnectionStringBuilder server = new(ServerConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 };
        await ExecuteOnServerAsync(server.ConnectionString, $"CREATE DATABASE {name}");
        // A small pool per instance: the server's connection limit is shared by every test run on the machine.
        NpgsqlConnectionStringBuilder database = new(ServerConnectionString) { Database = name, MaxPoolSize = 10 };
        return new PostgreSqlTestDatabase(name, database.ConnectionString);
    }

    /// <summary>Another data source on the same database, as a second host instance would have (own pool).</summary>
    public NpgsqlDataSource CreateDataSource()
    {
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand(sql);
        object? value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (NpgsqlDataSource dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        NpgsqlConnectionStringBuilder server = new(ServerConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 };
        await ExecuteOnServerAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string connectionString, string sql)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await OpenAsync(connectionString);
        }
        catch (NpgsqlException) when (!s_startAttempted)
        {
            // The server may simply be stopped: start it the way scripts/test.sh does, once, then try again.
            await TryStartServerAsync();
            connection = await OpenAsync(connectionString);
        }

        await using (connection)
        {
            await using NpgsqlCommand command = new(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        NpgsqlConnection connection = new(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (NpgsqlException exception)
        {
            await connection.DisposeAsync();
            NpgsqlConnectionStringBuilder shown = new(connectionString) { Password = null };
            throw new NpgsqlException(
                $"The PostgreSQL tests need a server at '{shown.ConnectionString}' ({exception.Message}). Run 'bash scripts/postgres.sh' " +
                $"(PostgreSQL 15 with the matrix_receipts_test superuser) or set {ConnectionStringVariable} to a superuser connection string.",
                exception);
        }
    }

    /// <summary>Runs scripts/postgres.sh once per test run when it is next to the sources; cheap when it fails fast.</summary>
    private static async Task<bool> TryStartServerAsync()
    {
        await StartGate.WaitAsync();
        try
        {
            if (s_startAttempted)
            {
                return true;
            }

            s_startAttempted = true;
            string? script = FindScript();
            if (script is null)
            {
                return false;
            }

            using Process? process = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return false;
            }

            using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
            Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await Task.WhenAll(output, error);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        finally
        {
            StartGate.Release();
        }
    }

    private static string? FindScript()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "scripts", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
