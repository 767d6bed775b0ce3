namespace Matrix.Receipts.Sqlite;

/// <summary>Options of the SQLite store.</summary>
public sealed class SqliteReceiptStoreOptions
{
    /// <summary>The database file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "matrix-receipts.db";
}
