using System.Threading.Channels;
using Npgsql;

namespace Matrix.Receipts.PostgreSql;

/// <summary>
/// Group commit for receipts: concurrent writers queue their receipts and one loop stores everything queued so far in
/// a single call of <c>matrix_receipts.advance_receipts</c> (one statement, one transaction, one WAL flush). Receipts
/// of one batch are applied in queue order, so the result equals applying them one by one; each caller gets its own
/// outcome once the batch has committed.
/// </summary>
internal sealed class PostgreSqlReceiptWriter : IAsyncDisposable
{
    private const string Sql = "SELECT matrix_receipts.advance_receipts($1, $2, $3, $4, $5, $6, $7)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchSize;
    private readonly Channel<PendingReceiptWrite> _queue =
        Channel.CreateUnbounded<PendingReceiptWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;

    public PostgreSqlReceiptWriter(NpgsqlDataSource dataSource, int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _dataSource = dataSource;
        _maxBatchSize = maxBatchSize;
    }

    public Task<StoreWriteResult> WriteAsync(ReceiptWrite write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StoreWriteResult>(cancellationToken);
        }

        EnsureStarted();
        PendingReceiptWrite pending = new(write, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgreSqlReceiptWriter));
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
        ChannelReader<PendingReceiptWrite> reader = _queue.Reader;
        List<PendingReceiptWrite> batch = new(_maxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && reader.TryRead(out PendingReceiptWrite? pending))
            {
                // A caller that gave up before its receipt was sent gets its cancellation, and nothing is stored.
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
                long[] positions = await StoreAsync(batch).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(positions[i] > 0
                        ? new StoreWriteResult(true, new StreamPosition(positions[i]))
                        : StoreWriteResult.Unchanged);
                }
            }
#pragma warning disable CA1031 // Every caller of the failed batch must see the failure; the loop itself keeps serving.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (PendingReceiptWrite pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }
        }
    }

    private async Task<long[]> StoreAsync(List<PendingReceiptWrite> batch)
    {
        int count = batch.Count;
        string[] rooms = new string[count];
        string[] users = new string[count];
        string[] types = new string[count];
        string[] threads = new string[count];
        string[] events = new string[count];
        long?[] orderings = new long?[count];
        long[] timestamps = new long[count];
        for (int i = 0; i < count; i++)
        {
            ReceiptWrite write = batch[i].Write;
            Receipt receipt = write.Receipt;
            rooms[i] = receipt.Room.Value;
            users[i] = receipt.User.Value;
            types[i] = receipt.Type.Value;
            threads[i] = PostgreSqlReceiptStore.ToColumn(receipt.Thread);
            events[i] = receipt.EventId.Value;
            orderings[i] = write.EventOrdering;
            timestamps[i] = receipt.Timestamp;
        }

        // Once sent, the batch runs to completion even if its callers cancel: it may already be committed.
        using NpgsqlCommand command = _dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rooms });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = users });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = threads });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = events });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = orderings });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = timestamps });
        object? result = await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
        return result as long[] ?? throw new InvalidOperationException("matrix_receipts.advance_receipts returned no positions.");
    }
}
