using System.Threading.Channels;
using Npgsql;

namespace Matrix.Receipts.PostgreSql;

/// <summary>
/// Group commit: concurrent writers queue their receipts and read markers, and one loop stores everything queued so
/// far with a single call of <c>matrix_receipts.write_batch</c> (one statement, one transaction, one WAL flush, one
/// pooled connection). Receipts of a batch are applied in queue order, then its markers, so the result equals applying
/// them one by one; each caller gets its own outcome once the batch has committed.
/// </summary>
internal sealed class PostgreSqlStoreWriter : IAsyncDisposable
{
    /// <summary>The write statement; also used on its own, one item per transaction, as the benchmark baseline.</summary>
    public const string WriteBatchSql = "SELECT matrix_receipts.write_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchSize;
    private readonly Channel<PendingStoreWrite> _queue =
        Channel.CreateUnbounded<PendingStoreWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;

    public PostgreSqlStoreWriter(NpgsqlDataSource dataSource, int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _dataSource = dataSource;
        _maxBatchSize = maxBatchSize;
    }

    /// <summary>How many batches have been sent (group commit makes this smaller than the number of writes).</summary>
    public int Batches => Volatile.Read(ref _batches);

    private int _batches;

    public Task<StoreWriteResult> WriteAsync(PendingStoreWrite pending)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StoreWriteResult>(pending.CancellationToken);
        }

        EnsureStarted();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgreSqlStoreWriter));
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
    }

    /// <summary>Builds the write statement for <paramref name="batch"/> (receipts first, then markers, each in order).</summary>
    public static NpgsqlCommand CreateCommand(NpgsqlDataSource dataSource, IReadOnlyList<PendingStoreWrite> batch)
    {
        List<ReceiptWrite> receipts = [];
        List<(ReadMarker Marker, ReadMarkerWriteMode Mode)> markers = [];
        foreach (PendingStoreWrite pending in batch)
        {
            if (pending.Receipt is { } receipt)
            {
                receipts.Add(receipt);
            }
            else
            {
                markers.Add((pending.Marker!, pending.Mode));
            }
        }

        NpgsqlCommand command = dataSource.CreateCommand(WriteBatchSql);
        Add(command, receipts.Select(w => w.Receipt.Room.Value));
        Add(command, receipts.Select(w => w.Receipt.User.Value));
        Add(command, receipts.Select(w => w.Receipt.Type.Value));
        Add(command, receipts.Select(w => PostgreSqlReceiptStore.ToColumn(w.Receipt.Thread)));
        Add(command, receipts.Select(w => w.Receipt.EventId.Value));
        Add(command, receipts.Select(w => w.EventOrdering));
        Add(command, receipts.Select(w => w.Receipt.Timestamp));
        Add(command, markers.Select(m => m.Marker.Room.Value));
        Add(command, markers.Select(m => m.Marker.User.Value));
        Add(command, markers.Select(m => m.Marker.EventId.Value));
        Add(command, markers.Select(m => m.Marker.EventOrdering));
        Add(command, markers.Select(m => m.Mode == ReadMarkerWriteMode.Replace));
        return command;
    }

    /// <summary>Maps the positions <c>write_batch</c> returned (receipts first) back to the items of <paramref name="batch"/>.</summary>
    public static StoreWriteResult[] ToResults(IReadOnlyList<PendingStoreWrite> batch, long[] positions)
    {
        int receiptCount = batch.Count(p => p.Receipt is not null);
        int nextReceipt = 0;
        int nextMarker = receiptCount;
        StoreWriteResult[] results = new StoreWriteResult[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            long position = positions[batch[i].Receipt is not null ? nextReceipt++ : nextMarker++];
            results[i] = position > 0 ? new StoreWriteResult(true, new StreamPosition(position)) : StoreWriteResult.Unchanged;
        }

        return results;
    }

    private static void Add<T>(NpgsqlCommand command, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = [.. values] });

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _loop) is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        ChannelReader<PendingStoreWrite> reader = _queue.Reader;
        List<PendingStoreWrite> batch = new(_maxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && reader.TryRead(out PendingStoreWrite? pending))
            {
                // A caller that gave up before its write was sent gets its cancellation, and nothing is stored.
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                StoreWriteResult[] results = await StoreAsync(batch).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // Every caller of the failed batch must see the failure; the loop itself keeps serving.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (PendingStoreWrite pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }
        }
    }

    private async Task<StoreWriteResult[]> StoreAsync(List<PendingStoreWrite> batch)
    {
        Interlocked.Increment(ref _batches);

        // Once sent, the batch runs to completion even if its callers cancel: it may already be committed.
        using NpgsqlCommand command = CreateCommand(_dataSource, batch);
        object? result = await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
        return ToResults(batch, result as long[] ?? throw new InvalidOperationException("matrix_receipts.write_batch returned no positions."));
    }
}
