using Matrix.Receipts.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store.</summary>
public static class SqliteMatrixReceiptsBuilderExtensions
{
    /// <summary>Stores receipts and read markers in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static MatrixReceiptsBuilder UseSqliteStore(this MatrixReceiptsBuilder builder, string databasePath) =>
        builder.UseSqliteStore(o => o.DatabasePath = databasePath);

    /// <summary>Stores receipts and read markers in SQLite, configured by <paramref name="configure"/>.</summary>
    public static MatrixReceiptsBuilder UseSqliteStore(this MatrixReceiptsBuilder builder, Action<SqliteReceiptStoreOptions> configure) =>
        throw new NotImplementedException();
}
