using System.Globalization;
using System.Text.Json;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// Reads a fixture file into a <see cref="SampleWorld"/>. Every problem is reported with where it is
/// (for example <c>rooms[0].events[2].relatesTo.eventId</c>) so a fixture author can fix it without guessing.
/// </summary>
internal static class FixtureLoader
{
    /// <summary>The name of the built-in demo fixture (an embedded resource).</summary>
    public const string DemoFixtureName = "demo-fixture.json";

    /// <summary>Loads the built-in demo world.</summary>
    public static SampleWorld LoadDemo()
    {
        using Stream stream = typeof(FixtureLoader).Assembly.GetManifestResourceStream(DemoFixtureName)
            ?? throw new InvalidOperationException("The demo fixture resource is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return TryLoad(memory.ToArray(), out SampleWorld? world, out string? error)
            ? world
            : throw new InvalidOperationException("The demo fixture is invalid: " + error);
    }

    /// <summary>Loads the fixture file at <paramref name="path"/>.</summary>
    public static bool TryLoadFile(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SampleWorld? world, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            world = null;
            error = $"cannot read fixture file '{path}': {e.Message}";
            return false;
        }

        if (!TryLoad(bytes, out world, out string? problem))
        {
            error = $"invalid fixture '{path}': {problem}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Parses and validates fixture JSON.</summary>
    public static bool TryLoad(ReadOnlySpan<byte> json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SampleWorld? world, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        world = null;
        FixtureDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, FixtureJsonContext.Default.FixtureDocument);
        }
        catch (JsonException e)
        {
            // The serializer reports where it stopped; its message already names the path and position.
            error = "not valid fixture JSON: " + e.Message;
            return false;
        }

        if (document is null)
        {
            error = "the fixture must be a JSON object, not null";
            return false;
        }

        error = Build(document, out world);
        return error is null;
    }

    private static string? Build(FixtureDocument document, out SampleWorld? world)
    {
        world = null;
        if (document.ServerName is null)
        {
            return "serverName is missing";
        }

        if (!ServerName.TryParse(document.ServerName, out ServerName serverName))
        {
            return $"serverName '{document.ServerName}' is not a valid server name";
        }

        var built = new SampleWorld(serverName);
        string? problem = AddUsers(built, document.Users ?? []) ?? AddRooms(built, document.Rooms ?? []);
        if (problem is not null)
        {
            return problem;
        }

        world = built;
        return null;
    }

    private static string? AddUsers(SampleWorld world, List<FixtureUser> users)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < users.Count; i++)
        {
            string where = Where("users", i);
            FixtureUser? user = users[i];
            if (user is null)
            {
                return $"{where} is null";
            }

            if (!UserId.TryParse(user.UserId, out UserId userId))
            {
                return user.UserId is null ? $"{where}.userId is missing" : $"{where}.userId '{user.UserId}' is not a valid user ID";
            }

            if (userId.ServerName != world.ServerName)
            {
                return $"{where}.userId '{userId}' is not on this server ({world.ServerName})";
            }

            if (string.IsNullOrEmpty(user.AccessToken))
            {
                return $"{where}.accessToken is missing or empty";
            }

            if (!tokens.Add(user.AccessToken))
            {
                return $"{where}.accessToken is used by another user";
            }

            if (!world.TryAddUser(userId, user.AccessToken, user.Guest))
            {
                return $"{where}.userId '{userId}' is listed twice";
            }
        }

        return null;
    }

    private static string? AddRooms(SampleWorld world, List<FixtureRoom> rooms)
    {
        for (int i = 0; i < rooms.Count; i++)
        {
            string where = Where("rooms", i);
            FixtureRoom? room = rooms[i];
            if (room is null)
            {
                return $"{where} is null";
            }

            if (!RoomId.TryParse(room.RoomId, out RoomId roomId))
            {
                return room.RoomId is null ? $"{where}.roomId is missing" : $"{where}.roomId '{room.RoomId}' is not a valid room ID";
            }

            if (!world.TryAddRoom(roomId))
            {
                return $"{where}.roomId '{roomId}' is listed twice";
            }

            string? problem = AddMembers(world, roomId, room.Members ?? [], where) ?? AddEvents(world, roomId, room.Events ?? [], where);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? AddMembers(SampleWorld world, RoomId roomId, List<string?> members, string roomWhere)
    {
        var seen = new HashSet<UserId>();
        for (int i = 0; i < members.Count; i++)
        {
            string where = roomWhere + Where(".members", i);
            if (!UserId.TryParse(members[i], out UserId member))
            {
                return $"{where} '{members[i]}' is not a valid user ID";
            }

            if (!world.IsKnownUser(member))
            {
                return $"{where} '{member}' is an unknown member: not listed in users";
            }

            if (!seen.Add(member))
            {
                return $"{where} '{member}' is listed twice";
            }

            world.Join(roomId, member);
        }

        return null;
    }

    private static string? AddEvents(SampleWorld world, RoomId roomId, List<FixtureEvent?> events, string roomWhere)
    {
        for (int i = 0; i < events.Count; i++)
        {
            string where = roomWhere + Where(".events", i);
            FixtureEvent? fixtureEvent = events[i];
            if (fixtureEvent is null)
            {
                return $"{where} is null";
            }

            if (!EventId.TryParse(fixtureEvent.EventId, out EventId eventId))
            {
                return fixtureEvent.EventId is null
                    ? $"{where}.eventId is missing"
                    : $"{where}.eventId '{fixtureEvent.EventId}' is not a valid event ID";
            }

            if (world.EventExists(eventId))
            {
                return $"{where}.eventId '{eventId}' is a duplicate event ID";
            }

            if (!UserId.TryParse(fixtureEvent.Sender, out UserId sender))
            {
                return fixtureEvent.Sender is null
                    ? $"{where}.sender is missing"
                    : $"{where}.sender '{fixtureEvent.Sender}' is not a valid user ID";
            }

            EventRelation? relation = null;
            if (fixtureEvent.RelatesTo is FixtureRelation relatesTo)
            {
                if (string.IsNullOrEmpty(relatesTo.RelType))
                {
                    return $"{where}.relatesTo.relType is missing or empty";
                }

                if (!EventId.TryParse(relatesTo.EventId, out EventId parent))
                {
                    return relatesTo.EventId is null
                        ? $"{where}.relatesTo.eventId is missing"
                        : $"{where}.relatesTo.eventId '{relatesTo.EventId}' is not a valid event ID";
                }

                // Stream order is array order, so a relation can only point back at an earlier event of the same room.
                if (!world.IsEventInRoom(roomId, parent))
                {
                    return $"{where}.relatesTo.eventId '{parent}' is a missing event: not an earlier event of room {roomId}";
                }

                relation = new EventRelation(relatesTo.RelType, parent);
            }

            world.AppendFixtureEvent(roomId, eventId, sender, relation, fixtureEvent.Body);
        }

        return null;
    }

    private static string Where(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");
}
