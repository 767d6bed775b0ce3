using Matrix.Receipts.Testing.Storage;

namespace Matrix.Receipts.Sqlite.Tests;

[TestFixture]
public sealed class SqliteReceiptStoreContractTests : ReceiptStoreContractTests
{
    // Disposed by the base fixture's [TearDown] through DisposeStoresAsync.
#pragma warning disable NUnit1032
    private TempDatabase? _database;
    private SqliteReceiptStore? _store;
#pragma warning restore NUnit1032

    protected override Task<(IReceiptStore Receipts, IReadMarkerStore ReadMarkers)> CreateStoresAsync()
    {
        _database = new TempDatabase();
        _store = _database.Open();
        return Task.FromResult<(IReceiptStore, IReadMarkerStore)>((_store, _store));
    }

    protected override async Task DisposeStoresAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _database?.Dispose();
    }
}
