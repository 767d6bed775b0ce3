using Matrix.Receipts.Testing.Storage;

namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>The shared store contract on a throw-away PostgreSQL database (one per fixture; tests use their own IDs).</summary>
[TestFixture]
public sealed class PostgreSqlReceiptStoreContractTests : ReceiptStoreContractTests
{
    private PostgreSqlTestDatabase _database = null!;

    // Disposed by the base fixture's [TearDown] through DisposeStoresAsync.
#pragma warning disable NUnit1032
    private PostgreSqlReceiptStore? _store;
#pragma warning restore NUnit1032

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await PostgreSqlTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    protected override Task<(IReceiptStore Receipts, IReadMarkerStore ReadMarkers)> CreateStoresAsync()
    {
        _store = new PostgreSqlReceiptStore(_database.DataSource);
        return Task.FromResult<(IReceiptStore, IReadMarkerStore)>((_store, _store));
    }

    protected override async Task DisposeStoresAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
