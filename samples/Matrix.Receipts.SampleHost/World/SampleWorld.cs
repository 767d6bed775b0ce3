using System.Security.Cryptography;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// The homeserver world of the sample: users and tokens, rooms with members and events in stream order.
/// Thread-safe: events are appended and members join and leave while requests read it. Every change bumps
/// <see cref="Version"/>, which sync tokens carry so a long-polling sync also wakes on new events and membership.
/// </summary>
internal sealed class SampleWorld : IHomeserverRooms, IAccessTokenValidator
{
    // The receipts thread rule walks at most this many relation hops (behaviour contract §4); unread counts use the same rule.
    private const int MaxRelationHops = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthenticatedUser> _tokens = new(StringComparer.Ordinal);
    private readonly List<(AuthenticatedUser User, string Token)> _users = [];
    private readonly Dictionary<RoomId, SampleRoom> _rooms = [];
    private readonly Dictionary<EventId, RoomId> _eventRooms = [];
    private readonly Dictionary<(UserId User, string TxnId), EventId> _transactions = [];
    private readonly List<MembershipChange> _membershipLog = [];
    private long _ordering;
    private WorldJournal? _journal;
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SampleWorld(ServerName serverName) => ServerName = serverName;

    /// <summary>Identifies this run of the world: versions start again when the process restarts.</summary>
    public string Epoch { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The server name of the local users.</summary>
    public ServerName ServerName { get; }

    /// <summary>The current version; increases with every event, join and leave.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>The users and their tokens, in fixture order.</summary>
    public IReadOnlyList<(AuthenticatedUser User, string Token)> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _users];
            }
        }
    }

    /// <summary>Adds a user; returns <see langword="false"/> when the user or the token already exists.</summary>
    public bool TryAddUser(UserId userId, string accessToken, bool guest)
    {
        lock (_gate)
        {
            if (_tokens.ContainsKey(accessToken) || _users.Exists(u => u.User.UserId == userId))
            {
                return false;
            }

            var user = new AuthenticatedUser(userId, guest);
            _tokens.Add(accessToken, user);
            _users.Add((user, accessToken));
            return true;
        }
    }

    /// <summary>Whether <paramref name="userId"/> is a user of this world.</summary>
    public bool IsKnownUser(UserId userId)
    {
        lock (_gate)
        {
            return _users.Exists(u => u.User.UserId == userId);
        }
    }

    /// <summary>Adds an empty room; returns <see langword="false"/> when it exists.</summary>
    public bool TryAddRoom(RoomId roomId)
    {
        lock (_gate)
        {
            return _rooms.TryAdd(roomId, new SampleRoom(roomId));
        }
    }

    /// <summary>Whether the room exists.</summary>
    public bool RoomExists(RoomId roomId)
    {
        lock (_gate)
        {
            return _rooms.ContainsKey(roomId);
        }
    }

    /// <summary>Whether an event with this ID exists in any room (event IDs are globally unique).</summary>
    public bool EventExists(EventId eventId)
    {
        lock (_gate)
        {
            return _eventRooms.ContainsKey(eventId);
        }
    }

    /// <summary>Joins <paramref name="userId"/> to an existing room; returns <see langword="false"/> when the room does not exist.</summary>
    public bool Join(RoomId roomId, UserId userId)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out SampleRoom? room))
            {
                return false;
            }

            if (!room.Members.Contains(userId))
            {
                _journal?.Append(new WorldJournalEntry { Kind = WorldJournalEntry.JoinKind, RoomId = roomId.Value, UserId = userId.Value });
                ChangeMembershipLocked(room, userId, joined: true);
            }

            return true;
        }
    }

    /// <summary>Makes <paramref name="userId"/> leave; returns <see langword="false"/> when they are not joined.</summary>
    public bool Leave(RoomId roomId, UserId userId)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out SampleRoom? room) || !room.Members.Contains(userId))
            {
                return false;
            }

            _journal?.Append(new WorldJournalEntry { Kind = WorldJournalEntry.LeaveKind, RoomId = roomId.Value, UserId = userId.Value });
            ChangeMembershipLocked(room, userId, joined: false);
            return true;
        }
    }

    /// <summary>
    /// Appends an event sent by a joined member with the next stream ordering. A repeated (<paramref name="sender"/>,
    /// <paramref name="txnId"/>) returns the event of the first send and appends nothing (client retries are idempotent).
    /// </summary>
    public (SendStatus Status, EventId EventId) Send(RoomId roomId, UserId sender, string txnId, EventRelation? relation, string? body)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out SampleRoom? room) || !room.Members.Contains(sender))
            {
                return (SendStatus.NotJoined, default);
            }

            if (_transactions.TryGetValue((sender, txnId), out EventId earlier))
            {
                return (SendStatus.Sent, earlier);
            }

            if (relation is not null && !room.EventsById.ContainsKey(relation.ParentEventId))
            {
                return (SendStatus.UnknownRelatedEvent, default);
            }

            EventId eventId;
            do
            {
                eventId = EventId.Parse("$" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)));
            }
            while (_eventRooms.ContainsKey(eventId));

            // Written (and flushed) before the world changes: a change the journal could not keep is not made at all.
            _journal?.Append(new WorldJournalEntry
            {
                Kind = WorldJournalEntry.SendKind,
                RoomId = roomId.Value,
                UserId = sender.Value,
                EventId = eventId.Value,
                Ordering = _ordering + 1,
                TxnId = txnId,
                RelType = relation?.RelationType,
                RelatesTo = relation?.ParentEventId.Value,
                Body = body,
            });
            AppendLocked(room, eventId, sender, relation, body);
            _transactions.Add((sender, txnId), eventId);
            return (SendStatus.Sent, eventId);
        }
    }

    /// <summary>Appends a fixture event; the caller has checked that the ID is new and that a related event is in the room.</summary>
    public void AppendFixtureEvent(RoomId roomId, EventId eventId, UserId sender, EventRelation? relation, string? body)
    {
        lock (_gate)
        {
            AppendLocked(_rooms[roomId], eventId, sender, relation, body);
        }
    }

    /// <summary>Starts writing every later change to <paramref name="journal"/> (after it was replayed).</summary>
    public void AttachJournal(WorldJournal journal)
    {
        lock (_gate)
        {
            _journal = journal;
        }
    }

    /// <summary>
    /// Redoes one journalled change. Returns <see langword="null"/>, or a message when it does not fit this world (the
    /// journal was written on top of another fixture, or was edited): replaying it anyway would shift stream orderings.
    /// </summary>
    public string? Apply(WorldJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (!RoomId.TryParse(entry.RoomId, out RoomId roomId) || !_rooms.TryGetValue(roomId, out SampleRoom? room))
            {
                return $"room '{entry.RoomId}' is not a room of this world";
            }

            if (!UserId.TryParse(entry.UserId, out UserId userId) || !_users.Exists(u => u.User.UserId == userId))
            {
                return $"user '{entry.UserId}' is not a user of this world";
            }

            switch (entry.Kind)
            {
                case WorldJournalEntry.JoinKind when !room.Members.Contains(userId):
                    ChangeMembershipLocked(room, userId, joined: true);
                    return null;
                case WorldJournalEntry.LeaveKind when room.Members.Contains(userId):
                    ChangeMembershipLocked(room, userId, joined: false);
                    return null;
                case WorldJournalEntry.JoinKind or WorldJournalEntry.LeaveKind:
                    return $"{entry.Kind} of {userId} in {roomId} does not change the membership";
                case WorldJournalEntry.SendKind:
                    return ApplySendLocked(room, userId, entry);
                default:
                    return $"unknown kind '{entry.Kind}'";
            }
        }
    }

    /// <summary>Whether <paramref name="eventId"/> is an event of <paramref name="roomId"/>.</summary>
    public bool IsEventInRoom(RoomId roomId, EventId eventId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(roomId, out SampleRoom? room) && room.EventsById.ContainsKey(eventId);
        }
    }

    /// <summary>A snapshot of the room's events in stream order (empty for an unknown room).</summary>
    public IReadOnlyList<SampleEvent> GetEvents(RoomId roomId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(roomId, out SampleRoom? room) ? [.. room.Events] : [];
        }
    }

    /// <summary>Of <paramref name="roomIds"/>, the rooms with an event or membership change after <paramref name="version"/>.</summary>
    public IReadOnlyCollection<RoomId> RoomsChangedSince(IEnumerable<RoomId> roomIds, long version)
    {
        lock (_gate)
        {
            return [.. roomIds.Where(id => _rooms.TryGetValue(id, out SampleRoom? room) && room.LastChangeVersion > version)];
        }
    }

    /// <summary>The rooms <paramref name="userId"/> joined and left after <paramref name="version"/> (net, as of now).</summary>
    public (IReadOnlyCollection<RoomId> Joined, IReadOnlyCollection<RoomId> Left) MembershipChangesSince(UserId userId, long version)
    {
        lock (_gate)
        {
            var joined = new HashSet<RoomId>();
            var left = new HashSet<RoomId>();
            foreach (MembershipChange change in _membershipLog)
            {
                if (change.Version <= version || change.User != userId)
                {
                    continue;
                }

                bool isMember = _rooms[change.Room].Members.Contains(userId);
                (isMember ? joined : left).Add(change.Room);
            }

            return (joined, left);
        }
    }

    /// <summary>Waits until <see cref="Version"/> passes <paramref name="afterVersion"/> or <paramref name="timeout"/> elapses; returns whether it did.</summary>
    public async Task<bool> WaitForChangeAsync(long afterVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            if (_version > afterVersion)
            {
                return true;
            }

            changed = _changed.Task;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task delay = Task.Delay(timeout, delayCancellation.Token);
        Task first = await Task.WhenAny(changed, delay);
        await delayCancellation.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == changed;
    }

    /// <inheritdoc />
    public ValueTask<RoomEvent?> FindEventAsync(RoomId roomId, EventId eventId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(
                _rooms.TryGetValue(roomId, out SampleRoom? room) && room.EventsById.TryGetValue(eventId, out SampleEvent? found)
                    ? found.Event
                    : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> IsJoinedAsync(UserId userId, RoomId roomId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_rooms.TryGetValue(roomId, out SampleRoom? room) && room.Members.Contains(userId));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyCollection<RoomId>> GetJoinedRoomsAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyCollection<RoomId>>(
                [.. _rooms.Values.Where(r => r.Members.Contains(userId)).Select(r => r.RoomId)]);
        }
    }

    /// <inheritdoc />
    public ValueTask<AuthenticatedUser?> ValidateAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_tokens.TryGetValue(accessToken, out AuthenticatedUser? user) ? user : null);
        }
    }

    private string? ApplySendLocked(SampleRoom room, UserId sender, WorldJournalEntry entry)
    {
        if (!room.Members.Contains(sender))
        {
            return $"{sender} is not joined to {room.RoomId}";
        }

        if (!EventId.TryParse(entry.EventId, out EventId eventId) || _eventRooms.ContainsKey(eventId))
        {
            return $"event ID '{entry.EventId}' is missing, invalid or a duplicate";
        }

        if (entry.TxnId is null || _transactions.ContainsKey((sender, entry.TxnId)))
        {
            return $"transaction ID '{entry.TxnId}' of {sender} is missing or a duplicate";
        }

        if (entry.Ordering != _ordering + 1)
        {
            return $"event {eventId} had stream ordering {entry.Ordering} but replays as {_ordering + 1}; was the journal written with another fixture?";
        }

        EventRelation? relation = null;
        if (entry.RelType is not null || entry.RelatesTo is not null)
        {
            if (string.IsNullOrEmpty(entry.RelType) || !EventId.TryParse(entry.RelatesTo, out EventId parent) || !room.EventsById.ContainsKey(parent))
            {
                return $"event {eventId} relates to '{entry.RelatesTo}', which is not an earlier event of {room.RoomId}";
            }

            relation = new EventRelation(entry.RelType, parent);
        }

        AppendLocked(room, eventId, sender, relation, entry.Body);
        _transactions.Add((sender, entry.TxnId), eventId);
        return null;
    }

    private void ChangeMembershipLocked(SampleRoom room, UserId userId, bool joined)
    {
        if (joined)
        {
            room.Members.Add(userId);
        }
        else
        {
            room.Members.Remove(userId);
        }

        long version = BumpVersion();
        room.LastChangeVersion = version;
        _membershipLog.Add(new MembershipChange(version, room.RoomId, userId, joined));
    }

    private void AppendLocked(SampleRoom room, EventId eventId, UserId sender, EventRelation? relation, string? body)
    {
        var roomEvent = new RoomEvent(eventId, ++_ordering, relation, sender);
        var sampleEvent = new SampleEvent(roomEvent, body, FindThreadRoot(room, relation));
        room.Events.Add(sampleEvent);
        room.EventsById.Add(eventId, sampleEvent);
        _eventRooms.Add(eventId, room.RoomId);
        room.LastChangeVersion = BumpVersion();
    }

    // An event is in a thread when walking up its relations (any type, at most three hops) meets an m.thread relation.
    private static EventId? FindThreadRoot(SampleRoom room, EventRelation? relation)
    {
        for (int hop = 0; relation is not null && hop < MaxRelationHops; hop++)
        {
            if (relation.RelationType == EventRelation.Thread)
            {
                return relation.ParentEventId;
            }

            if (!room.EventsById.TryGetValue(relation.ParentEventId, out SampleEvent? parent))
            {
                return null;
            }

            relation = parent.Event.Relation;
        }

        return null;
    }

    private long BumpVersion()
    {
        _version++;
        TaskCompletionSource previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
        return _version;
    }
}
