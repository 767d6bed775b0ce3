using Npgsql;
using static Matrix.Receipts.PostgreSql.Tests.ReceiptFactory;

namespace Matrix.Receipts.PostgreSql.Tests;

[TestFixture]
public sealed class PostgreSqlSchemaTests
{
    private PostgreSqlTestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await PostgreSqlTestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task Fresh_database_gets_every_migration_on_first_use()
    {
        await using PostgreSqlReceiptStore store = new(_database.DataSource);

        (await store.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);

        (await VersionsAsync()).Should().Equal(1, 2);
        (await _database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_proc WHERE proname = 'write_batch' AND pronamespace = 'matrix_receipts'::regnamespace"))
            .Should().Be(1);
    }

    [Test]
    public async Task Older_schema_is_upgraded_and_keeps_its_rows()
    {
        await PostgreSqlSchema.MigrateAsync(_database.DataSource, targetVersion: 1, CancellationToken.None);
        await _database.ExecuteAsync(
            """
            INSERT INTO matrix_receipts.receipts VALUES ('!room:example.org', '@alice:example.org', 'm.read', '', '$event5', 5, 1000, 1);
            UPDATE matrix_receipts.stream SET last_position = 1;
            """);

        await using PostgreSqlReceiptStore store = new(_database.DataSource);
        StoreWriteResult older = await store.TryAdvanceAsync(Read(4));
        StoreWriteResult newer = await store.TryAdvanceAsync(Read(6));

        (await VersionsAsync()).Should().Equal(1, 2);
        older.Should().Be(StoreWriteResult.Unchanged);
        newer.Should().Be(new StoreWriteResult(true, new StreamPosition(2)));
    }

    [Test]
    public async Task Newer_schema_is_refused_with_a_clear_error_and_left_unchanged()
    {
        await PostgreSqlSchema.MigrateAsync(_database.DataSource, PostgreSqlSchema.LatestVersion, CancellationToken.None);
        await _database.ExecuteAsync("INSERT INTO matrix_receipts.schema_migrations (version) VALUES (99)");

        await using PostgreSqlReceiptStore store = new(_database.DataSource);
        Func<Task> use = async () => await store.TryAdvanceAsync(Read(1));

        (await use.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*schema version 99*newer than the 2*Upgrade the package*");
        (await VersionsAsync()).Should().Equal(1, 2, 99);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM matrix_receipts.receipts")).Should().Be(0);
    }

    [Test]
    public async Task Instances_starting_at_once_apply_each_migration_exactly_once()
    {
        PostgreSqlReceiptStore[] stores = [.. Enumerable.Range(0, 6).Select(_ => new PostgreSqlReceiptStore(_database.CreateDataSource()))];
        try
        {
            StreamPosition[] positions = await Task.WhenAll(stores.Select(s => s.GetCurrentPositionAsync().AsTask()));

            positions.Should().OnlyContain(p => p == StreamPosition.Zero);
            (await VersionsAsync()).Should().Equal(1, 2);
        }
        finally
        {
            foreach (PostgreSqlReceiptStore store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Database_refuses_a_second_row_for_the_same_unthreaded_key()
    {
        await PostgreSqlSchema.MigrateAsync(_database.DataSource, PostgreSqlSchema.LatestVersion, CancellationToken.None);
        const string insert = "INSERT INTO matrix_receipts.receipts VALUES ('!room:example.org', '@alice:example.org', 'm.read', '', '$e{0}', {0}, 1000, {0})";
        await _database.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, 1));

        Func<Task> duplicate = () => _database.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, 2));

        (await duplicate.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    private async Task<List<int>> VersionsAsync()
    {
        await using NpgsqlCommand command = _database.DataSource.CreateCommand("SELECT version FROM matrix_receipts.schema_migrations ORDER BY version");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        List<int> versions = [];
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
