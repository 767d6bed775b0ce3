using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matrix.Receipts.Sqlite;

/// <summary>
/// Receipts and fully-read markers in one SQLite file: WAL with <c>synchronous=FULL</c> (a completed write survives a
/// process kill), writes through one group-commit writer connection, reads on pooled connections alongside it.
/// </summary>
internal sealed class SqliteReceiptStore : IReceiptStore, IReadMarkerStore, IAsyncDisposable, IDisposable
{
    private const string ReceiptColumns = "room_id, receipt_type, user_id, thread_id, event_id, event_ordering, ts, stream_position";
    private const string MarkerColumns = "room_id, user_id, event_id, event_ordering, stream_position";

    private readonly string _readConnectionString;
    private readonly SqliteGroupCommitWriter _writer;
    private int _disposed;

    private SqliteReceiptStore(string readConnectionString, SqliteGroupCommitWriter writer, string databasePath, string writerSettings)
    {
        _readConnectionString = readConnectionString;
        _writer = writer;
        DatabasePath = databasePath;
        WriterSettings = writerSettings;
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The writer connection's durability settings as SQLite reports them, e.g. <c>journal_mode=wal;synchronous=2</c>.</summary>
    internal string WriterSettings { get; }

    /// <summary>Transactions the writer has committed (fewer than writes when concurrent writes were grouped).</summary>
    internal long TransactionCount => _writer.TransactionCount;

    /// <summary>Writes that changed a row.</summary>
    internal long AppliedWriteCount => _writer.AppliedWriteCount;

    /// <summary>Opens (creating the folder and file when missing) and migrates the database.</summary>
    public static SqliteReceiptStore Open(SqliteReceiptStoreOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        timeProvider ??= TimeProvider.System;
        logger ??= NullLogger.Instance;

        string path = Path.GetFullPath(options.DatabasePath);
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        int timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = timeoutSeconds,
            Pooling = false,
        };
        string writeConnectionString = builder.ToString();
        builder.Pooling = true;
        string readConnectionString = builder.ToString();

        var connection = new SqliteConnection(writeConnectionString);
        try
        {
            connection.Open();
            string settings = ConfigureWriter(connection, options.BusyTimeout);
            int from = SqliteSchema.Migrate(connection, timeProvider);
            if (from != SqliteSchema.CurrentVersion)
            {
                Log.SchemaUpgraded(logger, path, from, SqliteSchema.CurrentVersion);
            }

            return new SqliteReceiptStore(readConnectionString, new SqliteGroupCommitWriter(connection, options.MaxBatchSize, logger), path, settings);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteResult> TryAdvanceAsync(ReceiptWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new ValueTask<StoreWriteResult>(_writer.EnqueueAsync(SqlitePendingWrite.ForReceipt(write, cancellationToken)));
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteResult> TrySetAsync(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return new ValueTask<StoreWriteResult>(_writer.EnqueueAsync(SqlitePendingWrite.ForMarker(marker, mode, cancellationToken)));
    }

    /// <inheritdoc />
    public ValueTask<StreamPosition> GetCurrentPositionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Read from the database, not from the writer's memory: the stream row is committed with the rows it
        // numbers, so every position up to this one is visible to the next read.
        using SqliteConnection connection = OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM stream WHERE id = 1;";
        long position = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return new ValueTask<StreamPosition>(new StreamPosition(position));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredReceipt>> GetReceiptsAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (roomIds.Count == 0 || upTo <= since)
        {
            return new ValueTask<IReadOnlyList<StoredReceipt>>(Array.Empty<StoredReceipt>());
        }

        using SqliteConnection connection = OpenReader();
        using SqliteCommand command = connection.CreateCommand();

        // One statement for any number of rooms: the IDs travel as one JSON array parameter.
        command.CommandText = $"""
            SELECT {ReceiptColumns} FROM receipts
            WHERE room_id IN (SELECT value FROM json_each($rooms))
              AND stream_position > $since AND stream_position <= $upTo;
            """;
        command.Parameters.AddWithValue("$rooms", ToJsonArray(roomIds));
        command.Parameters.AddWithValue("$since", since.Value);
        command.Parameters.AddWithValue("$upTo", upTo.Value);
        return new ValueTask<IReadOnlyList<StoredReceipt>>(ReadReceipts(command, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredReceipt>> GetUserReceiptsAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ReceiptColumns} FROM receipts
            WHERE room_id = $room AND user_id = $user;
            """;
        command.Parameters.AddWithValue("$room", roomId.Value);
        command.Parameters.AddWithValue("$user", userId.Value);
        return new ValueTask<IReadOnlyList<StoredReceipt>>(ReadReceipts(command, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<StoredReadMarker?> GetAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {MarkerColumns} FROM read_markers WHERE room_id = $room AND user_id = $user;";
        command.Parameters.AddWithValue("$room", roomId.Value);
        command.Parameters.AddWithValue("$user", userId.Value);
        List<StoredReadMarker> markers = ReadMarkers(command, cancellationToken);
        return new ValueTask<StoredReadMarker?>(markers.Count == 0 ? null : markers[0]);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredReadMarker>> GetChangesAsync(
        UserId userId,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (upTo <= since)
        {
            return new ValueTask<IReadOnlyList<StoredReadMarker>>(Array.Empty<StoredReadMarker>());
        }

        using SqliteConnection connection = OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {MarkerColumns} FROM read_markers
            WHERE user_id = $user AND stream_position > $since AND stream_position <= $upTo;
            """;
        command.Parameters.AddWithValue("$user", userId.Value);
        command.Parameters.AddWithValue("$since", since.Value);
        command.Parameters.AddWithValue("$upTo", upTo.Value);
        return new ValueTask<IReadOnlyList<StoredReadMarker>>(ReadMarkers(command, cancellationToken));
    }

    /// <summary>Commits the writes already queued, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The <c>thread_id</c> column value: <c>''</c> for unthreaded, so the unthreaded key is unique too.</summary>
    internal static string ToThreadColumn(ThreadId thread) => thread.ToWireValue() ?? string.Empty;

    private static ThreadId FromThreadColumn(string value) => value.Length == 0 ? ThreadId.Unthreaded : ThreadId.FromWireValue(value);

    private static string ConfigureWriter(SqliteConnection connection, TimeSpan busyTimeout)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        string? mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The receipts database '{connection.DataSource}' could not be switched to WAL mode (got '{mode}').");
        }

        // FULL: a WAL commit is fsynced before the writer's caller hears "done", so a 200 survives a crash.
        command.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};");
        command.ExecuteNonQuery();

        command.CommandText = "SELECT 'journal_mode=' || journal_mode || ';synchronous=' || synchronous FROM pragma_journal_mode, pragma_synchronous;";
        return (string)command.ExecuteScalar()!;
    }

    private static string ToJsonArray(IReadOnlyCollection<RoomId> roomIds)
    {
        var buffer = new ArrayBufferWriter<byte>(roomIds.Count * 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (RoomId roomId in roomIds)
            {
                writer.WriteStringValue(roomId.Value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<StoredReceipt> ReadReceipts(SqliteCommand command, CancellationToken cancellationToken)
    {
        var receipts = new List<StoredReceipt>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var receipt = new Receipt(
                RoomId.Parse(reader.GetString(0)),
                UserId.Parse(reader.GetString(2)),
                ReceiptType.FromString(reader.GetString(1)),
                EventId.Parse(reader.GetString(4)),
                FromThreadColumn(reader.GetString(3)),
                reader.GetInt64(6));
            long? ordering = reader.IsDBNull(5) ? null : reader.GetInt64(5);
            receipts.Add(new StoredReceipt(receipt, ordering, new StreamPosition(reader.GetInt64(7))));
        }

        return receipts;
    }

    private static List<StoredReadMarker> ReadMarkers(SqliteCommand command, CancellationToken cancellationToken)
    {
        var markers = new List<StoredReadMarker>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var marker = new ReadMarker(
                RoomId.Parse(reader.GetString(0)),
                UserId.Parse(reader.GetString(1)),
                EventId.Parse(reader.GetString(2)),
                reader.GetInt64(3));
            markers.Add(new StoredReadMarker(marker, new StreamPosition(reader.GetInt64(4))));
        }

        return markers;
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }
}
