using System.Text;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class FixtureLoaderTests
{
    private const string Valid = """
        {"serverName": "example.org",
         "users": [{"userId": "@alice:example.org", "accessToken": "alice_token", "guest": false},
                   {"userId": "@bob:example.org", "accessToken": "bob_token"},
                   {"userId": "@eve:example.org", "accessToken": "eve_token", "guest": true}],
         "rooms": [{"roomId": "!room:example.org", "members": ["@alice:example.org", "@bob:example.org"],
                    "events": [{"eventId": "$e1", "sender": "@bob:example.org", "body": "hi @alice:example.org"},
                               {"eventId": "$t1", "sender": "@bob:example.org", "relatesTo": {"relType": "m.thread", "eventId": "$e1"}},
                               {"eventId": "$r1", "sender": "@alice:example.org", "relatesTo": {"relType": "m.annotation", "eventId": "$t1"}}]}]}
        """;

    private static (SampleWorld? World, string? Error) Load(string json) =>
        FixtureLoader.TryLoad(Encoding.UTF8.GetBytes(json), out SampleWorld? world, out string? error) ? (world, null) : (null, error);

    [Test]
    public async Task Valid_fixture_builds_users_rooms_and_events_in_stream_order()
    {
        (SampleWorld? world, string? error) = Load(Valid);

        error.Should().BeNull();
        world!.ServerName.Value.Should().Be("example.org");
        AuthenticatedUser? alice = await world.ValidateAsync("alice_token");
        alice.Should().Be(new AuthenticatedUser(UserId.Parse("@alice:example.org"), false));
        (await world.ValidateAsync("eve_token"))!.IsGuest.Should().BeTrue();
        (await world.ValidateAsync("nobody")).Should().BeNull();

        var room = RoomId.Parse("!room:example.org");
        (await world.IsJoinedAsync(UserId.Parse("@bob:example.org"), room)).Should().BeTrue();
        (await world.IsJoinedAsync(UserId.Parse("@eve:example.org"), room)).Should().BeFalse();

        IReadOnlyList<SampleEvent> events = world.GetEvents(room);
        events.Select(e => e.Event.EventId.Value).Should().Equal("$e1", "$t1", "$r1");
        events[0].Event.StreamOrdering.Should().BeLessThan(events[1].Event.StreamOrdering);
        events[1].Event.StreamOrdering.Should().BeLessThan(events[2].Event.StreamOrdering);
        events[0].Body.Should().Be("hi @alice:example.org");
        events[0].Event.Sender.Should().Be(UserId.Parse("@bob:example.org"));
        events[1].Event.Relation.Should().Be(new EventRelation("m.thread", EventId.Parse("$e1")));
    }

    [Test]
    public void Thread_membership_follows_relations_up_to_the_thread_relation()
    {
        (SampleWorld? world, _) = Load(Valid);

        IReadOnlyList<SampleEvent> events = world!.GetEvents(RoomId.Parse("!room:example.org"));

        events[0].ThreadRoot.Should().BeNull("the root itself is in the main timeline");
        events[1].ThreadRoot.Should().Be(EventId.Parse("$e1"));
        events[2].ThreadRoot.Should().Be(EventId.Parse("$e1"), "a reaction to a thread reply is in the thread");
    }

    [Test]
    public async Task Demo_fixture_has_alice_bob_carol_a_guest_a_thread_and_a_second_room()
    {
        SampleWorld world = FixtureLoader.LoadDemo();

        world.ServerName.Value.Should().Be("example.org");
        world.Users.Select(u => u.User.UserId.Value).Should().Contain(["@alice:example.org", "@bob:example.org", "@carol:example.org"]);
        world.Users.Should().Contain(u => u.User.IsGuest);
        IReadOnlyCollection<RoomId> aliceRooms = await world.GetJoinedRoomsAsync(UserId.Parse("@alice:example.org"));
        aliceRooms.Should().HaveCount(2);
        world.GetEvents(RoomId.Parse(MatrixClient.Lobby)).Should().Contain(e => e.ThreadRoot != null);
    }

    [TestCase("{", "not valid fixture JSON")]
    [TestCase("null", "must be a JSON object")]
    [TestCase("""{"serverName": "example.org", "users": [{"userId": "@a:example.org", "accessToken": "t", "guest": "yes"}]}""", "not valid fixture JSON")]
    [TestCase("""{"serverName": "example.org", "usres": []}""", "usres")]
    [TestCase("""{"users": []}""", "serverName is missing")]
    [TestCase("""{"serverName": "exa mple.org"}""", "serverName 'exa mple.org' is not a valid server name")]
    [TestCase("""{"serverName": "example.org", "users": [{"userId": "alice", "accessToken": "t"}]}""", "users[0].userId 'alice' is not a valid user ID")]
    [TestCase("""{"serverName": "example.org", "users": [{"userId": "@a:other.org", "accessToken": "t"}]}""", "users[0].userId '@a:other.org' is not on this server")]
    [TestCase("""{"serverName": "example.org", "users": [{"userId": "@a:example.org"}]}""", "users[0].accessToken is missing")]
    [TestCase("""{"serverName": "example.org", "users": [{"userId": "@a:example.org", "accessToken": "t"}, {"userId": "@b:example.org", "accessToken": "t"}]}""", "users[1].accessToken is used by another user")]
    [TestCase("""{"serverName": "example.org", "users": [{"userId": "@a:example.org", "accessToken": "t"}, {"userId": "@a:example.org", "accessToken": "u"}]}""", "users[1].userId '@a:example.org' is listed twice")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "room"}]}""", "rooms[0].roomId 'room' is not a valid room ID")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org"}, {"roomId": "!r:example.org"}]}""", "rooms[1].roomId '!r:example.org' is listed twice")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "members": ["@ghost:example.org"]}]}""", "rooms[0].members[0] '@ghost:example.org' is an unknown member")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "members": ["ghost"]}]}""", "rooms[0].members[0] 'ghost' is not a valid user ID")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "e1", "sender": "@a:example.org"}]}]}""", "rooms[0].events[0].eventId 'e1' is not a valid event ID")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "$e1", "sender": "@a:example.org"}, {"eventId": "$e1", "sender": "@a:example.org"}]}]}""", "rooms[0].events[1].eventId '$e1' is a duplicate event ID")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "$e1", "sender": "@a:example.org"}]}, {"roomId": "!s:example.org", "events": [{"eventId": "$e1", "sender": "@a:example.org"}]}]}""", "rooms[1].events[0].eventId '$e1' is a duplicate event ID")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "$e1"}]}]}""", "rooms[0].events[0].sender is missing")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "$e1", "sender": "@a:example.org", "relatesTo": {"relType": "m.thread", "eventId": "$nope"}}]}]}""", "rooms[0].events[0].relatesTo.eventId '$nope' is a missing event")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "$e1", "sender": "@a:example.org"}, {"eventId": "$e2", "sender": "@a:example.org", "relatesTo": {"eventId": "$e1"}}]}]}""", "rooms[0].events[1].relatesTo.relType is missing")]
    [TestCase("""{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "events": [{"eventId": "$e1", "sender": "@a:example.org"}]}, {"roomId": "!s:example.org", "events": [{"eventId": "$e2", "sender": "@a:example.org", "relatesTo": {"relType": "m.thread", "eventId": "$e1"}}]}]}""", "rooms[1].events[0].relatesTo.eventId '$e1' is a missing event")]
    public void Malformed_fixture_is_refused_with_a_message_naming_the_problem(string json, string expected)
    {
        (SampleWorld? world, string? error) = Load(json);

        world.Should().BeNull();
        error.Should().Contain(expected);
    }

    [Test]
    public void Missing_fixture_file_is_refused_with_its_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-fixture-" + Guid.NewGuid().ToString("N") + ".json");

        FixtureLoader.TryLoadFile(path, out SampleWorld? world, out string? error).Should().BeFalse();

        world.Should().BeNull();
        error.Should().Contain(path);
    }
}
