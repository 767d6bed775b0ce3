using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Matrix.Receipts.Sqlite;

/// <summary>
/// The only writer of a database: one loop drains a queue of pending writes and commits each batch in one
/// transaction, so concurrent writers share one fsync. A caller's task completes only after its batch committed,
/// so a completed write is durable (WAL + <c>synchronous=FULL</c>). Stream positions are taken from the
/// <c>stream</c> row inside the same transaction.
/// </summary>
internal sealed class SqliteGroupCommitWriter : IAsyncDisposable
{
    // The monotonic rule lives in the WHERE of the upsert, so it is decided inside the write transaction:
    // a row without ordering is replaced by any other event; otherwise the new ordering must be strictly greater
    // (a NULL new ordering compares as unknown, so it never replaces an ordered row).
    private const string UpsertReceiptSql = """
        INSERT INTO receipts (room_id, receipt_type, user_id, thread_id, event_id, event_ordering, ts, stream_position)
        VALUES ($room, $type, $user, $thread, $event, $ordering, $ts, $position)
        ON CONFLICT (room_id, receipt_type, user_id, thread_id) DO UPDATE SET
            event_id = excluded.event_id,
            event_ordering = excluded.event_ordering,
            ts = excluded.ts,
            stream_position = excluded.stream_position
        WHERE (receipts.event_ordering IS NULL AND receipts.event_id <> excluded.event_id)
           OR excluded.event_ordering > receipts.event_ordering;
        """;

    private const string UpsertMarkerSql = """
        INSERT INTO read_markers (room_id, user_id, event_id, event_ordering, stream_position)
        VALUES ($room, $user, $event, $ordering, $position)
        ON CONFLICT (room_id, user_id) DO UPDATE SET
            event_id = excluded.event_id,
            event_ordering = excluded.event_ordering,
            stream_position = excluded.stream_position
        WHERE
        """;

    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly Channel<SqlitePendingWrite> _queue =
        Channel.CreateUnbounded<SqlitePendingWrite>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly SqliteCommand _upsertReceipt;
    private readonly SqliteCommand _forwardMarker;
    private readonly SqliteCommand _replaceMarker;
    private readonly SqliteCommand _readPosition;
    private readonly SqliteCommand _writePosition;
    private readonly List<SqlitePendingWrite> _batch = [];
    private readonly Task _loop;
    private long _transactions;
    private long _appliedWrites;

    public SqliteGroupCommitWriter(SqliteConnection connection, int maxBatchSize, ILogger logger)
    {
        _connection = connection;
        _maxBatchSize = maxBatchSize;
        _logger = logger;

        _upsertReceipt = Prepare(UpsertReceiptSql, "$room", "$type", "$user", "$thread", "$event", "$ordering", "$ts", "$position");
        _forwardMarker = Prepare(UpsertMarkerSql + " excluded.event_ordering > read_markers.event_ordering;", "$room", "$user", "$event", "$ordering", "$position");
        _replaceMarker = Prepare(UpsertMarkerSql + " excluded.event_id <> read_markers.event_id;", "$room", "$user", "$event", "$ordering", "$position");
        _readPosition = Prepare("SELECT position FROM stream WHERE id = 1;");
        _writePosition = Prepare("UPDATE stream SET position = $position WHERE id = 1;", "$position");

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (a batch is one transaction).</summary>
    public long TransactionCount => Interlocked.Read(ref _transactions);

    /// <summary>Writes that changed a row so far.</summary>
    public long AppliedWriteCount => Interlocked.Read(ref _appliedWrites);

    public Task<StoreWriteResult> EnqueueAsync(SqlitePendingWrite write)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StoreWriteResult>(write.CancellationToken);
        }

        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommitWriter), "The SQLite receipt store has been disposed.");
        }

        return write.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // Writes already queued still commit; new ones are refused.
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _upsertReceipt.Dispose();
        _forwardMarker.Dispose();
        _replaceMarker.Dispose();
        _readPosition.Dispose();
        _writePosition.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        ChannelReader<SqlitePendingWrite> reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _batch.Clear();
            while (_batch.Count < _maxBatchSize && reader.TryRead(out SqlitePendingWrite? write))
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Completion.TrySetCanceled(write.CancellationToken);
                    continue;
                }

                _batch.Add(write);
            }

            if (_batch.Count > 0)
            {
                CommitBatch();
            }
        }
    }

    private void CommitBatch()
    {
        var results = new StoreWriteResult[_batch.Count];
        try
        {
            Apply(_batch, results);
        }
        catch (Exception exception) when (_batch.Count > 1)
        {
            // One failing write must not fail the writes it happened to share a transaction with.
            Log.BatchFailed(_logger, _batch.Count, exception);
            foreach (SqlitePendingWrite write in _batch)
            {
                CommitAlone(write);
            }

            return;
        }
        catch (Exception exception)
        {
            Log.WriteFailed(_logger, exception);
            _batch[0].Completion.TrySetException(exception);
            return;
        }

        for (int i = 0; i < results.Length; i++)
        {
            _batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private void CommitAlone(SqlitePendingWrite write)
    {
        var result = new StoreWriteResult[1];
        try
        {
            Apply([write], result);
            write.Completion.TrySetResult(result[0]);
        }
        catch (Exception exception)
        {
            Log.WriteFailed(_logger, exception);
            write.Completion.TrySetException(exception);
        }
    }

    private void Apply(IReadOnlyList<SqlitePendingWrite> writes, StoreWriteResult[] results)
    {
        // IMMEDIATE: take the write lock up front (waiting out the busy timeout) instead of failing on upgrade.
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        _readPosition.Transaction = transaction;
        long start = Convert.ToInt64(_readPosition.ExecuteScalar(), CultureInfo.InvariantCulture);
        long position = start;

        for (int i = 0; i < writes.Count; i++)
        {
            SqlitePendingWrite write = writes[i];
            SqliteCommand command = write.Receipt is { } receipt ? BindReceipt(receipt, position + 1) : BindMarker(write.Marker!, write.MarkerMode, position + 1);
            command.Transaction = transaction;
            if (command.ExecuteNonQuery() > 0)
            {
                position++;
                results[i] = new StoreWriteResult(true, new StreamPosition(position));
            }
            else
            {
                results[i] = StoreWriteResult.Unchanged;
            }
        }

        if (position != start)
        {
            _writePosition.Transaction = transaction;
            _writePosition.Parameters[0].Value = position;
            _writePosition.ExecuteNonQuery();
        }

        transaction.Commit();
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _appliedWrites, position - start);
    }

    private SqliteCommand BindReceipt(ReceiptWrite write, long position)
    {
        Receipt receipt = write.Receipt;
        SqliteParameterCollection p = _upsertReceipt.Parameters;
        p[0].Value = receipt.Room.Value;
        p[1].Value = receipt.Type.Value;
        p[2].Value = receipt.User.Value;
        p[3].Value = SqliteReceiptStore.ToThreadColumn(receipt.Thread);
        p[4].Value = receipt.EventId.Value;
        p[5].Value = write.EventOrdering is { } ordering ? ordering : DBNull.Value;
        p[6].Value = receipt.Timestamp;
        p[7].Value = position;
        return _upsertReceipt;
    }

    private SqliteCommand BindMarker(ReadMarker marker, ReadMarkerWriteMode mode, long position)
    {
        SqliteCommand command = mode == ReadMarkerWriteMode.Replace ? _replaceMarker : _forwardMarker;
        SqliteParameterCollection p = command.Parameters;
        p[0].Value = marker.Room.Value;
        p[1].Value = marker.User.Value;
        p[2].Value = marker.EventId.Value;
        p[3].Value = marker.EventOrdering;
        p[4].Value = position;
        return command;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
