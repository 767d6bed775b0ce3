namespace Matrix.Receipts.SampleHost;

/// <summary>Builds sync results from the receipts read side and the sample world, and long-polls for them.</summary>
internal sealed class SyncComputer(SampleWorld world, ReceiptSyncBuilder receipts, UnreadCounter unread, TimeProvider time)
{
    /// <summary>
    /// An initial sync (<paramref name="since"/> null) answers at once with every joined room. An incremental one answers
    /// with the rooms that changed; when nothing did and <paramref name="timeout"/> is positive it waits for a change.
    /// </summary>
    public async Task<SyncResult> SyncAsync(UserId userId, SyncToken? since, bool perThread, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SyncResult result = await ComputeAsync(userId, since, perThread, cancellationToken);
        if (since is null || timeout <= TimeSpan.Zero || !result.IsEmpty)
        {
            return result;
        }

        long deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (result.IsEmpty)
        {
            TimeSpan remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            // Wait from the positions just read, not from the client's token: changes the user cannot see (another
            // user's private receipt, an event in someone else's room) must not make this loop spin.
            IReadOnlyCollection<RoomId> joined = await world.GetJoinedRoomsAsync(userId, cancellationToken);
            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<bool> receiptWait = receipts.WaitForChangeAsync(joined, result.NextBatch.Receipts, remaining, waitCancellation.Token).AsTask();
            Task<bool> worldWait = world.WaitForChangeAsync(result.NextBatch.World, remaining, waitCancellation.Token);
            await Task.WhenAny(receiptWait, worldWait);
            await waitCancellation.CancelAsync();
            await ObserveAsync(receiptWait);
            await ObserveAsync(worldWait);
            cancellationToken.ThrowIfCancellationRequested();

            result = await ComputeAsync(userId, since, perThread, cancellationToken);
        }

        return result;
    }

    private async Task<SyncResult> ComputeAsync(UserId userId, SyncToken? since, bool perThread, CancellationToken cancellationToken)
    {
        // Read the world version first: anything that happens after it is caught by the next sync.
        long worldVersion = world.Version;
        IReadOnlyCollection<RoomId> joined = await world.GetJoinedRoomsAsync(userId, cancellationToken);

        IReadOnlyCollection<RoomId> newlyJoined = [];
        IReadOnlyCollection<RoomId> left = [];
        IReadOnlyCollection<RoomId> continuing = joined;
        if (since is SyncToken token)
        {
            (IReadOnlyCollection<RoomId> joinedSince, IReadOnlyCollection<RoomId> leftSince) = world.MembershipChangesSince(userId, token.World);
            newlyJoined = [.. joined.Where(joinedSince.Contains)];
            left = [.. leftSince.Where(r => !joined.Contains(r))];
            continuing = [.. joined.Where(r => !joinedSince.Contains(r))];
        }

        ReceiptSync receiptSync = await receipts.BuildAsync(userId, continuing, since?.Receipts, cancellationToken);
        var receiptRooms = new Dictionary<RoomId, RoomReceiptSync>(receiptSync.Rooms);
        StreamPosition nextBatch = receiptSync.NextBatch;
        if (newlyJoined.Count > 0)
        {
            // A room joined since the token is new to the client: give it the room's whole receipt state.
            ReceiptSync initial = await receipts.BuildAsync(userId, newlyJoined, null, cancellationToken);
            foreach ((RoomId room, RoomReceiptSync roomSync) in initial.Rooms)
            {
                receiptRooms[room] = roomSync;
            }

            nextBatch = initial.NextBatch < nextBatch ? initial.NextBatch : nextBatch;
        }

        IEnumerable<RoomId> shown = since is SyncToken previous
            ? [.. newlyJoined, .. receiptRooms.Keys, .. world.RoomsChangedSince(continuing, previous.World)]
            : joined;

        var rooms = new List<(RoomId, RoomReceiptSync?, RoomUnread)>();
        foreach (RoomId room in shown.Where(joined.Contains).Distinct().Order())
        {
            RoomUnread counts = await unread.CountAsync(room, userId, perThread, cancellationToken);
            rooms.Add((room, receiptRooms.GetValueOrDefault(room), counts));
        }

        return new SyncResult(new SyncToken(nextBatch, worldVersion), rooms, [.. left.Order()]);
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The other wait finished first; this one was cancelled on purpose.
        }
    }
}
