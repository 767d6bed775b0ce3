using Matrix.Receipts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the receipts module.</summary>
public static class MatrixReceiptsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the receipts module with the in-memory store (replace it with <c>UseSqliteStore</c> or <c>UsePostgreSqlStore</c>).
    /// The host must also register an <see cref="IHomeserverRooms"/> (and, for the HTTP adapter, an <see cref="IAccessTokenValidator"/>).
    /// </summary>
    public static MatrixReceiptsBuilder AddMatrixReceipts(this IServiceCollection services, Action<MatrixReceiptsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        OptionsBuilder<MatrixReceiptsOptions> options = services.AddOptions<MatrixReceiptsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MatrixReceiptsOptions>, MatrixReceiptsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Stores, sync, read points and the write listener.
        services.AddReceiptReadSide();

        services.TryAddSingleton<ThreadRule>();
        services.TryAddSingleton<ReadReceiptWriter>();
        services.TryAddSingleton<ReceiptRequestParser>();
        services.TryAddSingleton<ReadMarkersRequestParser>();
        services.TryAddSingleton<UserRateLimiter>();
        services.TryAddSingleton(static sp => new ReadMarkerService(
            sp.GetRequiredService<IHomeserverRooms>(),
            sp.GetRequiredService<IReadMarkerStore>(),
            sp.GetRequiredService<ReadReceiptWriter>(),
            sp.GetRequiredService<IOptions<MatrixReceiptsOptions>>(),
            sp.GetServices<IReceiptWriteListener>()));
        services.TryAddSingleton(static sp => new ReceiptService(
            sp.GetRequiredService<ReadReceiptWriter>(),
            sp.GetRequiredService<ReadMarkerService>()));
        services.TryAddSingleton(static sp => new MatrixReceiptsEndpoint(
            sp.GetRequiredService<IAccessTokenValidator>(),
            sp.GetRequiredService<UserRateLimiter>(),
            sp.GetRequiredService<ReceiptRequestParser>(),
            sp.GetRequiredService<ReadMarkersRequestParser>(),
            sp.GetRequiredService<ReceiptService>(),
            sp.GetRequiredService<ReadMarkerService>(),
            sp.GetService<ILogger<MatrixReceiptsEndpoint>>() ?? NullLogger<MatrixReceiptsEndpoint>.Instance));

        return new MatrixReceiptsBuilder(services);
    }
}
