namespace Matrix.Receipts.Sqlite;

/// <summary>Options of the SQLite store.</summary>
public sealed class SqliteReceiptStoreOptions
{
    /// <summary>The database file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "matrix-receipts.db";

    /// <summary>
    /// The most writes committed together in one transaction (group commit). Concurrent writers share one fsync;
    /// 1 commits every write on its own. Default 256.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>How long a write waits for another process holding the database lock before failing. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new InvalidOperationException($"{nameof(SqliteReceiptStoreOptions)}.{nameof(DatabasePath)} must name a file.");
        }

        if (MaxBatchSize < 1)
        {
            throw new InvalidOperationException($"{nameof(SqliteReceiptStoreOptions)}.{nameof(MaxBatchSize)} must be at least 1.");
        }

        if (BusyTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(SqliteReceiptStoreOptions)}.{nameof(BusyTimeout)} must be positive.");
        }
    }
}
