using System.Globalization;
using Npgsql;

namespace Matrix.Receipts.PostgreSql;

/// <summary>
/// The store's schema (<c>matrix_receipts</c>) and its migrations. Every host instance runs <see cref="MigrateAsync"/>
/// on first use; a transaction-level advisory lock makes concurrent start-ups apply each migration exactly once, and
/// PostgreSQL's transactional DDL means a failed upgrade leaves the previous version intact.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The schema version this package writes and reads.</summary>
    public const int LatestVersion = 2;

    /// <summary>The channel of <c>pg_notify</c>; the payload is <c>room_id || ' ' || position</c>.</summary>
    public const string NotifyChannel = "matrix_receipts";

    // Arbitrary, fixed key ("mxrcpt" in ASCII) so every instance serialises on the same advisory lock.
    private const long MigrationLockKey = 0x6D78_7263_7074;

    private static readonly string[] Migrations =
    [
        // Version 1: the tables. The unthreaded receipt is stored with thread_id '' (never a valid thread_id on the
        // wire) so the primary key covers it; a nullable column would let two unthreaded rows coexist.
        // stream holds one row: the last stream position handed out (see version 2 for why not a sequence).
        """
        CREATE TABLE matrix_receipts.stream (
            id boolean PRIMARY KEY DEFAULT true CHECK (id),
            last_position bigint NOT NULL
        );
        INSERT INTO matrix_receipts.stream (id, last_position) VALUES (true, 0);

        CREATE TABLE matrix_receipts.receipts (
            room_id text NOT NULL,
            user_id text NOT NULL,
            receipt_type text NOT NULL,
            thread_id text NOT NULL,
            event_id text NOT NULL,
            event_ordering bigint NULL,
            ts bigint NOT NULL,
            stream_position bigint NOT NULL,
            PRIMARY KEY (room_id, user_id, receipt_type, thread_id)
        );
        CREATE INDEX receipts_room_position ON matrix_receipts.receipts (room_id, stream_position);

        CREATE TABLE matrix_receipts.read_markers (
            room_id text NOT NULL,
            user_id text NOT NULL,
            event_id text NOT NULL,
            event_ordering bigint NOT NULL,
            stream_position bigint NOT NULL,
            PRIMARY KEY (room_id, user_id)
        );
        CREATE INDEX read_markers_user_position ON matrix_receipts.read_markers (user_id, stream_position);
        """,

        // Version 2: the write function (one call stores a whole group commit of receipts and read markers, in
        // order), and unique position indexes (one change per position; the listener's catch-up scan).
        //
        // Why a single-row counter and not a sequence: nextval() hands out numbers in call order, but transactions
        // commit in any order, so a reader could see position 8 committed while 7 is still in flight, report 8 as
        // "now", and the next incremental sync (since 8) would never see 7. Taking the position with a row lock on
        // matrix_receipts.stream that is held until commit makes writers take positions and commit strictly one
        // after the other, so every position up to stream.last_position is visible once last_position is. The cost
        // (one writer at a time across all instances) is paid back by group commit: one call stores a whole batch.
        //
        // The monotonic guard lives in the ON CONFLICT ... WHERE clause, so no writer on any instance can move a key
        // backwards; a write the guard refuses takes no position and sends no notification.
        """
        CREATE UNIQUE INDEX receipts_position ON matrix_receipts.receipts (stream_position);
        CREATE UNIQUE INDEX read_markers_position ON matrix_receipts.read_markers (stream_position);

        CREATE FUNCTION matrix_receipts.write_batch(
            r_room text[], r_user text[], r_type text[], r_thread text[], r_event text[], r_ordering bigint[], r_ts bigint[],
            m_room text[], m_user text[], m_event text[], m_ordering bigint[], m_replace boolean[])
        RETURNS bigint[]
        LANGUAGE plpgsql AS $fn$
        DECLARE
            pos bigint;
            changed integer;
            receipts integer := cardinality(r_room);
            result bigint[] := array_fill(0::bigint, ARRAY[receipts + cardinality(m_room)]);
        BEGIN
            SELECT last_position INTO pos FROM matrix_receipts.stream WHERE id FOR UPDATE;
            FOR i IN 1 .. receipts LOOP
                INSERT INTO matrix_receipts.receipts AS r
                    (room_id, user_id, receipt_type, thread_id, event_id, event_ordering, ts, stream_position)
                VALUES (r_room[i], r_user[i], r_type[i], r_thread[i], r_event[i], r_ordering[i], r_ts[i], pos + 1)
                ON CONFLICT (room_id, user_id, receipt_type, thread_id) DO UPDATE
                    SET event_id = excluded.event_id,
                        event_ordering = excluded.event_ordering,
                        ts = excluded.ts,
                        stream_position = excluded.stream_position
                    WHERE excluded.event_ordering > r.event_ordering
                       OR (r.event_ordering IS NULL AND r.event_id <> excluded.event_id);
                GET DIAGNOSTICS changed = ROW_COUNT;
                IF changed > 0 THEN
                    pos := pos + 1;
                    result[i] := pos;
                    PERFORM pg_notify('matrix_receipts', r_room[i] || ' ' || pos);
                END IF;
            END LOOP;
            FOR i IN 1 .. cardinality(m_room) LOOP
                INSERT INTO matrix_receipts.read_markers AS m (room_id, user_id, event_id, event_ordering, stream_position)
                VALUES (m_room[i], m_user[i], m_event[i], m_ordering[i], pos + 1)
                ON CONFLICT (room_id, user_id) DO UPDATE
                    SET event_id = excluded.event_id,
                        event_ordering = excluded.event_ordering,
                        stream_position = excluded.stream_position
                    WHERE (m_replace[i] AND m.event_id <> excluded.event_id)
                       OR (NOT m_replace[i] AND excluded.event_ordering > m.event_ordering);
                GET DIAGNOSTICS changed = ROW_COUNT;
                IF changed > 0 THEN
                    pos := pos + 1;
                    result[receipts + i] := pos;
                    PERFORM pg_notify('matrix_receipts', m_room[i] || ' ' || pos);
                END IF;
            END LOOP;
            UPDATE matrix_receipts.stream SET last_position = pos WHERE id;
            RETURN result;
        END
        $fn$;
        """,
    ];

    /// <summary>
    /// Brings the schema to <paramref name="targetVersion"/> (normally <see cref="LatestVersion"/>; lower values exist
    /// for upgrade tests). Throws <see cref="InvalidOperationException"/> when the database is newer than this package.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, int targetVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetVersion, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, LatestVersion);

        NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    """
                    CREATE SCHEMA IF NOT EXISTS matrix_receipts;
                    CREATE TABLE IF NOT EXISTS matrix_receipts.schema_migrations (
                        version integer PRIMARY KEY,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    );
                    """,
                    cancellationToken).ConfigureAwait(false);

                int current = await GetVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                if (current > LatestVersion)
                {
                    throw new InvalidOperationException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The PostgreSQL database has Matrix.Receipts schema version {current}, newer than the {LatestVersion} this version of Matrix.Receipts.PostgreSql supports. Upgrade the package (a newer instance has already migrated this database); the schema was not changed."));
                }

                for (int version = current + 1; version <= targetVersion; version++)
                {
                    await ExecuteAsync(connection, Migrations[version - 1], cancellationToken).ConfigureAwait(false);
                    using NpgsqlCommand record = new("INSERT INTO matrix_receipts.schema_migrations (version) VALUES ($1)", connection);
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The schema version recorded in the database (the migrations table must exist).</summary>
    public static async Task<int> GetVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using NpgsqlCommand command = new(
            "SELECT coalesce(max(version), 0) FROM matrix_receipts.schema_migrations",
            connection);
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using NpgsqlCommand command = new(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
