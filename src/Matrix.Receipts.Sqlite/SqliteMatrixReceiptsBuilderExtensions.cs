using Matrix.Receipts;
using Matrix.Receipts.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store.</summary>
public static class SqliteMatrixReceiptsBuilderExtensions
{
    /// <summary>Stores receipts and read markers in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static MatrixReceiptsBuilder UseSqliteStore(this MatrixReceiptsBuilder builder, string databasePath) =>
        builder.UseSqliteStore(o => o.DatabasePath = databasePath);

    /// <summary>Stores receipts and read markers in SQLite, configured by <paramref name="configure"/>.</summary>
    public static MatrixReceiptsBuilder UseSqliteStore(this MatrixReceiptsBuilder builder, Action<SqliteReceiptStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        IServiceCollection services = builder.Services;
        services.Configure(configure);

        // One store object backs both interfaces: receipts and markers share one stream of positions.
        services.RemoveAll<SqliteReceiptStore>();
        services.RemoveAll<IReceiptStore>();
        services.RemoveAll<IReadMarkerStore>();
        services.AddSingleton(sp => SqliteReceiptStore.Open(
            sp.GetRequiredService<IOptions<SqliteReceiptStoreOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Matrix.Receipts.Sqlite")));
        services.AddSingleton<IReceiptStore>(sp => sp.GetRequiredService<SqliteReceiptStore>());
        services.AddSingleton<IReadMarkerStore>(sp => sp.GetRequiredService<SqliteReceiptStore>());
        return builder;
    }
}
