using Matrix.Receipts.Sqlite;

namespace Matrix.Receipts.Sqlite.Tests;

/// <summary>A fresh folder for one test's database files, deleted afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "matrix-receipts-sqlite-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(Folder, "nested", "receipts.db");
    }

    public string Folder { get; }

    /// <summary>The database file (inside a folder that does not exist yet, so opening must create it).</summary>
    public string DatabasePath { get; }

    public SqliteReceiptStore Open(int maxBatchSize = 256) =>
        SqliteReceiptStore.Open(new SqliteReceiptStoreOptions { DatabasePath = DatabasePath, MaxBatchSize = maxBatchSize });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
