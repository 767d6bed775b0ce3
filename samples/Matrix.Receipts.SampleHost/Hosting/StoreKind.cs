namespace Matrix.Receipts.SampleHost;

/// <summary>Where the sample host keeps receipts and read markers.</summary>
internal enum StoreKind
{
    /// <summary>In memory: gone when the host stops.</summary>
    Memory,

    /// <summary>A SQLite file in the data folder (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL, from <c>--connection</c>.</summary>
    Postgres,
}
