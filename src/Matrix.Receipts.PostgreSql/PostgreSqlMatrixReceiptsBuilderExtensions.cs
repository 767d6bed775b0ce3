using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgreSqlMatrixReceiptsBuilderExtensions
{
    /// <summary>Stores receipts and read markers in PostgreSQL through the <see cref="NpgsqlDataSource"/> registered in DI.</summary>
    public static MatrixReceiptsBuilder UsePostgreSqlStore(this MatrixReceiptsBuilder builder) =>
        throw new NotImplementedException();

    /// <summary>Stores receipts and read markers in PostgreSQL through <paramref name="dataSource"/>.</summary>
    public static MatrixReceiptsBuilder UsePostgreSqlStore(this MatrixReceiptsBuilder builder, NpgsqlDataSource dataSource) =>
        throw new NotImplementedException();
}
