using Matrix.Receipts.Testing.Storage;

namespace Matrix.Receipts.Tests.Storage;

[TestFixture]
public sealed class InMemoryReceiptStoreContractTests : ReceiptStoreContractTests
{
    protected override Task<(IReceiptStore Receipts, IReadMarkerStore ReadMarkers)> CreateStoresAsync()
    {
        var store = new InMemoryReceiptStore();
        return Task.FromResult<(IReceiptStore, IReadMarkerStore)>((store, store));
    }
}
