using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Matrix.Receipts.PostgreSql;

/// <summary>
/// Receipts and fully-read markers in PostgreSQL, shared by every host instance that points at the same database.
/// The schema is created or upgraded on first use; writes are conditional upserts (the monotonic guard runs in SQL),
/// positions come from one counter row so they become visible in order, and every applied write sends a
/// <c>pg_notify</c> that the <see cref="PostgreSqlChangeListener"/> of each instance turns into a wake-up.
/// </summary>
internal sealed class PostgreSqlReceiptStore : IReceiptStore, IReadMarkerStore, IAsyncDisposable
{
    /// <summary>The most receipts stored by one group commit.</summary>
    public const int DefaultMaxBatchSize = 256;

    private const string ReceiptColumns = "room_id, user_id, receipt_type, thread_id, event_id, event_ordering, ts, stream_position";
    private const string MarkerColumns = "room_id, user_id, event_id, event_ordering, stream_position";

    // The unthreaded receipt's thread_id column value: '' is never a valid thread_id, so it cannot collide.
    private const string UnthreadedColumnValue = "";

    private static readonly TimeSpan ListenerStartTimeout = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly PostgreSqlStoreWriter _writer;
    private readonly Lock _initializationLock = new();
    private Task? _initialization;
    private bool _disposed;

    public PostgreSqlReceiptStore(
        NpgsqlDataSource dataSource,
        IReceiptChangeNotifier? notifier = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        int maxBatchSize = DefaultMaxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _writer = new PostgreSqlStoreWriter(dataSource, maxBatchSize);
        if (notifier is not null)
        {
            Listener = new PostgreSqlChangeListener(dataSource, notifier, logger ?? NullLogger.Instance, _timeProvider);
        }
    }

    /// <summary>The group-commit writer.</summary>
    internal PostgreSqlStoreWriter Writer => _writer;

    /// <summary>The change listener, when a notifier was given; it starts with the first use of the store.</summary>
    internal PostgreSqlChangeListener? Listener { get; }

    /// <summary>Creates or upgrades the schema and starts the change listener; every operation calls it first.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        Task? initialization = Volatile.Read(ref _initialization);
        if (initialization is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_initializationLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A failed start (database down, schema newer than this package) is retried by the next caller.
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeCoreAsync();
            }

            initialization = _initialization;
        }

        return initialization.WaitAsync(cancellationToken);
    }

    public async ValueTask<StoreWriteResult> TryAdvanceAsync(ReceiptWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.WriteAsync(new PendingStoreWrite(write, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask<StreamPosition> GetCurrentPositionAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);

        // Writers hold the counter row until they commit, so every position up to the committed value is visible.
        using NpgsqlCommand command = _dataSource.CreateCommand("SELECT last_position FROM matrix_receipts.stream");
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return new StreamPosition(value is long position ? position : 0);
    }

    public async ValueTask<IReadOnlyList<StoredReceipt>> GetReceiptsAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        if (roomIds.Count == 0 || upTo <= since)
        {
            return [];
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        string[] rooms = new string[roomIds.Count];
        int i = 0;
        foreach (RoomId roomId in roomIds)
        {
            rooms[i++] = roomId.Value;
        }

        using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT {ReceiptColumns} FROM matrix_receipts.receipts WHERE room_id = ANY($1) AND stream_position > $2 AND stream_position <= $3 ORDER BY stream_position");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rooms });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo.Value });
        return await ReadReceiptsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<StoredReceipt>> GetUserReceiptsAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT {ReceiptColumns} FROM matrix_receipts.receipts WHERE room_id = $1 AND user_id = $2 ORDER BY stream_position");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId.Value });
        return await ReadReceiptsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<StoreWriteResult> TrySetAsync(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marker);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.WriteAsync(new PendingStoreWrite(marker, mode, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask<StoredReadMarker?> GetAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT {MarkerColumns} FROM matrix_receipts.read_markers WHERE room_id = $1 AND user_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId.Value });
        IReadOnlyList<StoredReadMarker> markers = await ReadMarkersAsync(command, cancellationToken).ConfigureAwait(false);
        return markers.Count == 0 ? null : markers[0];
    }

    public async ValueTask<IReadOnlyList<StoredReadMarker>> GetChangesAsync(
        UserId userId,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        if (upTo <= since)
        {
            return [];
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT {MarkerColumns} FROM matrix_receipts.read_markers WHERE user_id = $1 AND stream_position > $2 AND stream_position <= $3 ORDER BY stream_position");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo.Value });
        return await ReadMarkersAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_initializationLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        if (Listener is not null)
        {
            await Listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string ToColumn(ThreadId thread) => thread.ToWireValue() ?? UnthreadedColumnValue;

    private static ThreadId FromColumn(string value) =>
        value.Length == 0 ? ThreadId.Unthreaded : ThreadId.FromWireValue(value);

    private static async Task<IReadOnlyList<StoredReceipt>> ReadReceiptsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        List<StoredReceipt> receipts = [];
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Receipt receipt = new(
                    RoomId.Parse(reader.GetString(0)),
                    UserId.Parse(reader.GetString(1)),
                    ReceiptType.FromString(reader.GetString(2)),
                    EventId.Parse(reader.GetString(4)),
                    FromColumn(reader.GetString(3)),
                    reader.GetInt64(6));
                long? ordering = reader.IsDBNull(5) ? null : reader.GetInt64(5);
                receipts.Add(new StoredReceipt(receipt, ordering, new StreamPosition(reader.GetInt64(7))));
            }
        }

        return receipts;
    }

    private static async Task<IReadOnlyList<StoredReadMarker>> ReadMarkersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        List<StoredReadMarker> markers = [];
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ReadMarker marker = new(
                    RoomId.Parse(reader.GetString(0)),
                    UserId.Parse(reader.GetString(1)),
                    EventId.Parse(reader.GetString(2)),
                    reader.GetInt64(3));
                markers.Add(new StoredReadMarker(marker, new StreamPosition(reader.GetInt64(4))));
            }
        }

        return markers;
    }

    private async Task InitializeCoreAsync()
    {
        // Not the caller's token: one caller giving up must not fail the start-up every other caller waits on.
        await PostgreSqlSchema.MigrateAsync(_dataSource, PostgreSqlSchema.LatestVersion, CancellationToken.None).ConfigureAwait(false);
        if (Listener is not null)
        {
            Listener.Start();

            // The change index reads the current position through this store when it starts; once LISTEN is active
            // first, no write of another instance can fall between that position and the first notification.
            // A listener that cannot connect yet keeps retrying in the background and must not block the store.
            await Task.WhenAny(Listener.Listening, Task.Delay(ListenerStartTimeout, _timeProvider)).ConfigureAwait(false);
        }
    }
}
