using Matrix.Receipts;
using Matrix.Receipts.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgreSqlMatrixReceiptsBuilderExtensions
{
    /// <summary>
    /// Stores receipts and read markers in PostgreSQL through the <see cref="NpgsqlDataSource"/> registered in DI
    /// (for example with <c>services.AddNpgsqlDataSource(...)</c>). Several host instances may share the database:
    /// positions stay unique and ordered, and each instance's waiting syncs wake on every instance's writes.
    /// </summary>
    public static MatrixReceiptsBuilder UsePostgreSqlStore(this MatrixReceiptsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Register(builder, static services => services.GetService<NpgsqlDataSource>() ?? throw new InvalidOperationException(
            "UsePostgreSqlStore() needs an NpgsqlDataSource in the service collection: register one (e.g. services.AddNpgsqlDataSource(connectionString)) or call UsePostgreSqlStore(dataSource)."));
    }

    /// <summary>
    /// Stores receipts and read markers in PostgreSQL through <paramref name="dataSource"/> (not disposed by the store).
    /// Several host instances may share the database.
    /// </summary>
    public static MatrixReceiptsBuilder UsePostgreSqlStore(this MatrixReceiptsBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return Register(builder, _ => dataSource);
    }

    private static MatrixReceiptsBuilder Register(MatrixReceiptsBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource)
    {
        IServiceCollection services = builder.Services;
        services.RemoveAll<IReceiptStore>();
        services.RemoveAll<IReadMarkerStore>();
        services.RemoveAll<PostgreSqlReceiptStore>();
        services.AddSingleton(provider => new PostgreSqlReceiptStore(
            dataSource(provider),
            new DeferredReceiptChangeNotifier(provider),
            provider.GetService<ILoggerFactory>()?.CreateLogger("Matrix.Receipts.PostgreSql"),
            provider.GetService<TimeProvider>()));
        services.AddSingleton<IReceiptStore>(static provider => provider.GetRequiredService<PostgreSqlReceiptStore>());
        services.AddSingleton<IReadMarkerStore>(static provider => provider.GetRequiredService<PostgreSqlReceiptStore>());
        return builder;
    }
}
