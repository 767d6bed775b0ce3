using Microsoft.Data.Sqlite;
using static Matrix.Receipts.Sqlite.Tests.SqliteTestData;

namespace Matrix.Receipts.Sqlite.Tests;

[TestFixture]
public sealed class SqliteSchemaTests
{
    private TempDatabase _database = null!;

    [SetUp]
    public void CreateFolder() => _database = new TempDatabase();

    [TearDown]
    public void DeleteFolder() => _database.Dispose();

    [Test]
    public async Task Opening_creates_the_folder_and_a_wal_database_at_the_current_schema_version()
    {
        Directory.Exists(Path.GetDirectoryName(_database.DatabasePath)).Should().BeFalse();

        await using (SqliteReceiptStore store = _database.Open())
        {
            store.DatabasePath.Should().Be(_database.DatabasePath);
        }

        File.Exists(_database.DatabasePath).Should().BeTrue();
        using SqliteConnection raw = OpenRaw(_database.DatabasePath);
        Scalar(raw, "PRAGMA journal_mode;").Should().Be("wal");
        Scalar(raw, "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version);").Should().Be("1,2");
        SqliteSchema.ReadVersion(raw).Should().Be(SqliteSchema.CurrentVersion);
    }

    [Test]
    public async Task Reopening_a_current_database_applies_no_migration()
    {
        await _database.Open().DisposeAsync();
        long firstAppliedAt;
        using (SqliteConnection raw = OpenRaw(_database.DatabasePath))
        {
            firstAppliedAt = (long)Scalar(raw, "SELECT MAX(applied_at_ms) FROM schema_migrations;")!;
        }

        await _database.Open().DisposeAsync();

        using SqliteConnection after = OpenRaw(_database.DatabasePath);
        Scalar(after, "SELECT COUNT(*) FROM schema_migrations;").Should().Be(2L);
        Scalar(after, "SELECT MAX(applied_at_ms) FROM schema_migrations;").Should().Be(firstAppliedAt);
    }

    [Test]
    public async Task Older_schema_is_upgraded_and_keeps_its_data()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.DatabasePath)!);
        using (SqliteConnection raw = OpenRaw(_database.DatabasePath))
        {
            SqliteSchema.Migrate(raw, TimeProvider.System, targetVersion: 1);
            Execute(raw, """
                INSERT INTO receipts VALUES ('!room:example.org', 'm.read', '@user1:example.org', '', '$old', 7, 1234, 5);
                UPDATE stream SET position = 5;
                """);
            Scalar(raw, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'receipts_room_position';").Should().Be(0L);
        }

        await using (SqliteReceiptStore store = _database.Open())
        {
            StoredReceipt kept = (await store.GetUserReceiptsAsync(Room, User(1))).Should().ContainSingle().Subject;
            kept.Receipt.EventId.Should().Be(EventId.Parse("$old"));
            kept.Receipt.Timestamp.Should().Be(1234);
            kept.Position.Should().Be(new StreamPosition(5));
            (await store.GetCurrentPositionAsync()).Should().Be(new StreamPosition(5));

            StoreWriteResult next = await store.TryAdvanceAsync(Receipt(2, "$new", 8));
            next.Position.Should().Be(new StreamPosition(6), "the stream continues from the upgraded database's position");
        }

        using SqliteConnection upgraded = OpenRaw(_database.DatabasePath);
        SqliteSchema.ReadVersion(upgraded).Should().Be(2);
        Scalar(upgraded, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('receipts_room_position', 'read_markers_user_position');").Should().Be(2L);
    }

    [Test]
    public async Task Newer_schema_is_refused_with_an_error_naming_both_versions()
    {
        await _database.Open().DisposeAsync();
        using (SqliteConnection raw = OpenRaw(_database.DatabasePath))
        {
            Execute(raw, "INSERT INTO schema_migrations (version, applied_at_ms) VALUES (7, 0);");
        }

        Action open = () => _database.Open();

        open.Should().Throw<InvalidOperationException>()
            .WithMessage("*schema version 7*")
            .And.Message.Should().Contain($"schema version {SqliteSchema.CurrentVersion} at most").And.Contain(_database.DatabasePath);
        using SqliteConnection after = OpenRaw(_database.DatabasePath);
        SqliteSchema.ReadVersion(after).Should().Be(7, "a refused database is left as it was");
    }

    [Test]
    public async Task Unthreaded_key_cannot_hold_two_rows()
    {
        await _database.Open().DisposeAsync();
        using SqliteConnection raw = OpenRaw(_database.DatabasePath);
        const string insert = "INSERT INTO receipts VALUES ('!room:example.org', 'm.read', '@user1:example.org', '', '$e{0}', {0}, 1, {0});";
        Execute(raw, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, 1));

        Action duplicate = () => Execute(raw, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, 2));

        duplicate.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19, "SQLITE_CONSTRAINT: the key is the primary key");
        Scalar(raw, "SELECT COUNT(*) FROM receipts;").Should().Be(1L);
    }

    [Test]
    public async Task Threaded_key_and_read_marker_key_cannot_hold_two_rows()
    {
        await _database.Open().DisposeAsync();
        using SqliteConnection raw = OpenRaw(_database.DatabasePath);
        Execute(raw, "INSERT INTO receipts VALUES ('!room:example.org', 'm.read', '@user1:example.org', 'main', '$e1', 1, 1, 1);");
        Execute(raw, "INSERT INTO read_markers VALUES ('!room:example.org', '@user1:example.org', '$e1', 1, 2);");

        Action receipt = () => Execute(raw, "INSERT INTO receipts VALUES ('!room:example.org', 'm.read', '@user1:example.org', 'main', '$e2', 2, 1, 3);");
        Action marker = () => Execute(raw, "INSERT INTO read_markers VALUES ('!room:example.org', '@user1:example.org', '$e2', 2, 4);");

        receipt.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19);
        marker.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19);
    }
}
