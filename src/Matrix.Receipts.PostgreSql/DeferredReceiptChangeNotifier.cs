using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.PostgreSql;

/// <summary>
/// Resolves the host's <see cref="IReceiptChangeNotifier"/> on the first notification rather than when the store is
/// built: the change tracker behind it reads the store, so resolving it eagerly would make a dependency cycle.
/// Without a registered notifier, notifications are dropped.
/// </summary>
internal sealed class DeferredReceiptChangeNotifier(IServiceProvider services) : IReceiptChangeNotifier
{
    private readonly Lazy<IReceiptChangeNotifier?> _notifier = new(services.GetService<IReceiptChangeNotifier>);

    public void OnChanged(RoomId roomId, StreamPosition position) => _notifier.Value?.OnChanged(roomId, position);
}
