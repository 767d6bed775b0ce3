using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        return services;
    }
}
