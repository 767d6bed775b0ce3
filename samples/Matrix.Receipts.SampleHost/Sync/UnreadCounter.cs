namespace Matrix.Receipts.SampleHost;

/// <summary>
/// Counts unread events from the user's read points. An event is unread when another user sent it after the read point;
/// it is a highlight when its body contains the reader's user ID.
/// <list type="bullet">
/// <item>Without threaded counts: every event of the room (main timeline and threads) after the read point of
/// <see cref="ThreadId.Main"/>, which is the later of the unthreaded and the <c>main</c> receipt. Clients without thread
/// support send unthreaded receipts, and those clear everything up to their event.</item>
/// <item>With threaded counts (<c>unread_thread_notifications</c> in the filter): main-timeline events after the
/// <see cref="ThreadId.Main"/> read point, and for every thread of the room its events after that thread's read point
/// (the later of the unthreaded and the thread receipt). Every thread with events is listed, zero counts included.</item>
/// </list>
/// Read points count private receipts too (they are the owner's), and a lagging public receipt never rewinds them.
/// </summary>
internal sealed class UnreadCounter(SampleWorld world, ReadPointService readPoints)
{
    public async ValueTask<RoomUnread> CountAsync(RoomId roomId, UserId userId, bool perThread, CancellationToken cancellationToken)
    {
        IReadOnlyList<SampleEvent> events = world.GetEvents(roomId);
        ReadPoint? main = await readPoints.GetReadPointAsync(roomId, userId, ThreadId.Main, cancellationToken);
        if (!perThread)
        {
            return new RoomUnread(Count(events, userId, main, thread: null, anyThread: true), null);
        }

        UnreadCounts mainCounts = Count(events, userId, main, thread: null, anyThread: false);
        var threads = new Dictionary<EventId, UnreadCounts>();
        foreach (EventId root in events.Where(e => e.ThreadRoot is not null).Select(e => e.ThreadRoot!.Value).Distinct())
        {
            ReadPoint? threadPoint = await readPoints.GetReadPointAsync(roomId, userId, ThreadId.Thread(root), cancellationToken);
            threads[root] = Count(events, userId, threadPoint, root, anyThread: false);
        }

        return new RoomUnread(mainCounts, threads);
    }

    private static UnreadCounts Count(IReadOnlyList<SampleEvent> events, UserId reader, ReadPoint? readPoint, EventId? thread, bool anyThread)
    {
        long after = readPoint?.EventOrdering ?? long.MinValue;
        int notifications = 0;
        int highlights = 0;
        foreach (SampleEvent e in events)
        {
            if (e.Event.StreamOrdering <= after || e.Event.Sender == reader || (!anyThread && e.ThreadRoot != thread))
            {
                continue;
            }

            notifications++;
            if (e.Body is not null && e.Body.Contains(reader.Value, StringComparison.Ordinal))
            {
                highlights++;
            }
        }

        return new UnreadCounts(notifications, highlights);
    }
}
