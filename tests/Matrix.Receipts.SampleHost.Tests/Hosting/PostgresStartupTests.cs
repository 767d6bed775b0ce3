using System.Globalization;
using System.Net;
using Npgsql;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>The host on the PostgreSQL store, in a throw-away database of the test server (env <c>MATRIX_RECEIPTS_POSTGRES</c>).</summary>
[TestFixture]
public sealed class PostgresStartupTests
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=matrix_receipts_test;Password=matrix_receipts_test";

    private string _server = null!;
    private string _database = null!;

    // Databases are created and dropped from the maintenance database.
    private string AdminConnection => new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable("MATRIX_RECEIPTS_POSTGRES") ?? DefaultServer;
        _database = "sample_host_" + Guid.NewGuid().ToString("N");
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(AdminConnection);
        await using NpgsqlCommand create = admin.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE \"{_database}\""));
        await create.ExecuteNonQueryAsync();
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(AdminConnection);
        await using NpgsqlCommand drop = admin.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)"));
        await drop.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Postgres_store_keeps_receipts_across_restarts()
    {
        string connection = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
        await using (RunningHost first = await RunningHost.StartAsync("--store", "postgres", "--connection", connection))
        {
            first.Output.Should().Contain("store: postgres");
            (await first.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch")).Status.Should().Be(HttpStatusCode.OK);
        }

        await using RunningHost second = await RunningHost.StartAsync("--store", "postgres", "--connection", connection);
        MatrixReply sync = await second.Bob.SyncAsync();
        sync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["ephemeral"]!["events"]![0]!["content"]!["$lunch"]!["m.read"]!["@alice:example.org"]
            .Should().NotBeNull("the receipt was stored in PostgreSQL before the restart");
    }
}
