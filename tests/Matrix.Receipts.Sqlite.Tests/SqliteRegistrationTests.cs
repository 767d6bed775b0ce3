using Matrix.Receipts.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Matrix.Receipts.Sqlite.Tests.SqliteTestData;

namespace Matrix.Receipts.Sqlite.Tests;

[TestFixture]
public sealed class SqliteRegistrationTests
{
    private TempDatabase _database = null!;

    [SetUp]
    public void CreateFolder() => _database = new TempDatabase();

    [TearDown]
    public void DeleteFolder() => _database.Dispose();

    [Test]
    public async Task UseSqliteStore_replaces_the_in_memory_store_with_one_sqlite_store_for_receipts_and_read_markers()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHomeserverRooms>(new TestWorld());
        services.AddMatrixReceipts().UseSqliteStore(_database.DatabasePath);

        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            IReceiptStore receipts = provider.GetRequiredService<IReceiptStore>();
            IReadMarkerStore markers = provider.GetRequiredService<IReadMarkerStore>();

            receipts.Should().BeOfType<SqliteReceiptStore>().And.BeSameAs(markers);
            services.Where(d => d.ServiceType == typeof(IReceiptStore)).Should().ContainSingle();
            services.Where(d => d.ServiceType == typeof(IReadMarkerStore)).Should().ContainSingle();
            await receipts.TryAdvanceAsync(Receipt(1, "$e", 1));
        }

        // Disposing the container closed the store; the write is in the file.
        await using SqliteReceiptStore reopened = _database.Open();
        (await reopened.GetUserReceiptsAsync(Room, User(1))).Should().ContainSingle();
    }

    [Test]
    public async Task UseSqliteStore_applies_configured_options()
    {
        var services = new ServiceCollection();
        services.AddMatrixReceipts().UseSqliteStore(o =>
        {
            o.DatabasePath = _database.DatabasePath;
            o.MaxBatchSize = 1;
        });

        await using ServiceProvider provider = services.BuildServiceProvider();
        var store = (SqliteReceiptStore)provider.GetRequiredService<IReceiptStore>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.TryAdvanceAsync(Receipt(i, "$e", 1)).AsTask()));

        store.DatabasePath.Should().Be(_database.DatabasePath);
        store.TransactionCount.Should().Be(8, "a batch size of 1 commits each write alone");
    }

    [Test]
    public async Task Invalid_options_fail_with_a_message_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddMatrixReceipts().UseSqliteStore(o =>
        {
            o.DatabasePath = _database.DatabasePath;
            o.MaxBatchSize = 0;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        Action resolve = () => provider.GetRequiredService<IReceiptStore>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*MaxBatchSize*");
    }
}
