using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Matrix.Receipts;

/// <summary>Registers the read side (in-memory store default, change tracking, sync builder, read points, write listener).</summary>
internal static class ReadSideServiceCollectionExtensions
{
    public static IServiceCollection AddReceiptReadSide(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The in-memory store is the default; Use*Store replaces both interfaces. Both forward to one instance so
        // receipts and read markers share one stream of positions.
        services.TryAddSingleton<InMemoryReceiptStore>();
        services.TryAddSingleton<IReceiptStore>(static sp => sp.GetRequiredService<InMemoryReceiptStore>());
        services.TryAddSingleton<IReadMarkerStore>(static sp => sp.GetRequiredService<InMemoryReceiptStore>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new ReadSideMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        // One change index per process: the write side, and a shared store's cross-instance notifications, feed it.
        services.TryAddSingleton(static sp => new RoomChangeTracker(sp.GetRequiredService<IReceiptStore>()));
        services.TryAddSingleton<IReceiptChangeNotifier>(static sp => sp.GetRequiredService<RoomChangeTracker>());

        services.TryAddSingleton(static sp => new ReadPointService(sp.GetRequiredService<IReceiptStore>()));
        services.TryAddSingleton(static sp => new ReceiptSyncBuilder(
            sp.GetRequiredService<IReceiptStore>(),
            sp.GetRequiredService<IReadMarkerStore>(),
            sp.GetRequiredService<RoomChangeTracker>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new ReadSideWriteListener(
            sp.GetRequiredService<RoomChangeTracker>(),
            sp.GetRequiredService<IReceiptStore>(),
            sp.GetServices<IReceiptObserver>(),
            sp.GetRequiredService<ReadSideMetrics>(),
            sp.GetService<ILogger<ReadSideWriteListener>>()));

        // The write side calls every registered listener (federation queues add their own), so this one is added to the set.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReceiptWriteListener, ReadSideWriteListener>(
            static sp => sp.GetRequiredService<ReadSideWriteListener>()));
        return services;
    }
}
