using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Matrix.Receipts.PostgreSql;

/// <summary>
/// Wakes this instance's waiting syncs for writes made by any instance sharing the database: a long-running loop
/// holds one dedicated connection that <c>LISTEN</c>s on <see cref="PostgreSqlSchema.NotifyChannel"/> and passes every
/// notification to the <see cref="IReceiptChangeNotifier"/>. When the connection breaks, it reconnects and replays the
/// rooms that changed since the last position it saw, because notifications sent while nobody listened are gone.
/// </summary>
internal sealed class PostgreSqlChangeListener : IAsyncDisposable
{
    /// <summary>The <c>application_name</c> of the listening session, so operators can spot it in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "matrix-receipts-listener";

    // A silent network failure would leave WaitAsync blocked forever; a periodic round trip detects it.
    private static readonly TimeSpan IdlePing = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReceiptChangeNotifier _notifier;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _startLock = new();
    private Task? _loop;
    private long _lastSeenPosition;
    private int _connections;

    public PostgreSqlChangeListener(NpgsqlDataSource dataSource, IReceiptChangeNotifier notifier, ILogger logger, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _notifier = notifier;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>Completes once the first <c>LISTEN</c> is active.</summary>
    public Task Listening => _listening.Task;

    /// <summary>How many times a listening session has been established (1 until a reconnect).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Start()
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _loop ??= Task.Factory.StartNew(
                RunAsync,
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).Unwrap();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_startLock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the session (network, server restart, terminated backend) means: reconnect.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.ListenerFailed(_logger, exception, ReconnectDelay);
                try
                {
                    await Task.Delay(ReconnectDelay, _timeProvider, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += OnNotification;
            try
            {
                using (NpgsqlCommand listen = new($"SET application_name = '{ApplicationName}'; LISTEN {PostgreSqlSchema.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                // Interlocked: Connections is read by other threads; the rest of the state belongs to this loop.
                if (Interlocked.Increment(ref _connections) == 1)
                {
                    // First session: start from "now"; earlier changes are already in the store for any reader.
                    _lastSeenPosition = Math.Max(_lastSeenPosition, await ReadCurrentPositionAsync(connection, stopping).ConfigureAwait(false));
                }
                else
                {
                    await CatchUpAsync(connection, stopping).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                while (true)
                {
                    if (!await connection.WaitAsync(IdlePing, stopping).ConfigureAwait(false))
                    {
                        using NpgsqlCommand ping = new("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stopping).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                connection.Notification -= OnNotification;
                await LeaveAsync(connection).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Hands a still-healthy connection back to the pool without its LISTEN: Npgsql resets pooled sessions only on
    /// their next use, and until then the server would keep queueing notifications for an idle connection.
    /// </summary>
    private static async Task LeaveAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            using NpgsqlCommand leave = new("UNLISTEN *; RESET application_name", connection);
            leave.CommandTimeout = 5;
            await leave.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Broken connections are discarded by the pool anyway.
        }
    }

    private async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        long since = _lastSeenPosition;
        using NpgsqlCommand command = new(
            """
            SELECT room_id, max(stream_position) FROM (
                SELECT room_id, stream_position FROM matrix_receipts.receipts WHERE stream_position > $1
                UNION ALL
                SELECT room_id, stream_position FROM matrix_receipts.read_markers WHERE stream_position > $1
            ) AS changes
            GROUP BY room_id
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        List<(string Room, long Position)> changes = [];
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        foreach ((string room, long position) in changes)
        {
            Deliver(room, position);
        }

        Log.ListenerCaughtUp(_logger, changes.Count, since);
    }

    private static async Task<long> ReadCurrentPositionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using NpgsqlCommand command = new("SELECT last_position FROM matrix_receipts.stream", connection);
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long position ? position : 0;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        string payload = e.Payload;
        int space = payload.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(payload.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long position))
        {
            Log.MalformedNotification(_logger, payload);
            return;
        }

        Deliver(payload[..space], position);
    }

    private void Deliver(string room, long position)
    {
        if (!RoomId.TryParse(room, out RoomId roomId))
        {
            Log.MalformedNotification(_logger, room);
            return;
        }

        _lastSeenPosition = Math.Max(_lastSeenPosition, position);
        try
        {
            _notifier.OnChanged(roomId, new StreamPosition(position));
        }
#pragma warning disable CA1031 // A failing notifier must not stop the wake-ups of every other room.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.NotifierFailed(_logger, exception, room, position);
        }
    }
}
