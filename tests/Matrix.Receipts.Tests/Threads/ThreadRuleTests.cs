using Matrix.Receipts.Testing;
using Microsoft.Extensions.Options;

namespace Matrix.Receipts.Tests.Threads;

/// <summary>
/// Behaviour contract §4 over one relation graph:
/// <code>
/// $plain                       main timeline
/// $root ◄─m.thread── $reply ◄─m.annotation── $react ◄─m.reference── $ref3 ◄─m.reference── $ref4
/// $root ◄─m.annotation── $rootReact        (a reaction to the root itself)
/// $root ◄─m.replace── $rootEdit
/// $other ◄─m.thread── $otherReply          (another thread)
/// </code>
/// </summary>
[TestFixture]
public sealed class ThreadRuleTests
{
    private const string Room = "!room:example.org";
    private TestWorld _world = null!;

    [SetUp]
    public void SetUp()
    {
        _world = new TestWorld().AddRoom(Room, "@alice:example.org");
        _world.AddEvent(Room, "$plain");
        _world.AddEvent(Room, "$root");
        _world.AddEvent(Room, "$reply", relType: "m.thread", relatesTo: "$root");
        _world.AddEvent(Room, "$react", relType: "m.annotation", relatesTo: "$reply");
        _world.AddEvent(Room, "$ref3", relType: "m.reference", relatesTo: "$react");
        _world.AddEvent(Room, "$ref4", relType: "m.reference", relatesTo: "$ref3");
        _world.AddEvent(Room, "$rootReact", relType: "m.annotation", relatesTo: "$root");
        _world.AddEvent(Room, "$rootEdit", relType: "m.replace", relatesTo: "$root");
        _world.AddEvent(Room, "$other");
        _world.AddEvent(Room, "$otherReply", relType: "m.thread", relatesTo: "$other");
    }

    private async Task<bool> BelongsAsync(string eventId, string thread, bool strict = false)
    {
        var rule = new ThreadRule(_world, Options.Create(new MatrixReceiptsOptions { StrictThreadRule = strict }));
        RoomId room = RoomId.Parse(Room);
        RoomEvent roomEvent = (await _world.FindEventAsync(room, EventId.Parse(eventId)))!;
        ThreadId.TryParse(thread, out ThreadId threadId).Should().BeTrue();
        return await rule.BelongsToAsync(room, roomEvent, threadId, CancellationToken.None);
    }

    [TestCase("$plain", true)]
    [TestCase("$root", true)]
    [TestCase("$rootReact", true)]
    [TestCase("$rootEdit", true)]
    [TestCase("$reply", false)]
    [TestCase("$react", false)]
    [TestCase("$ref3", false)]
    [TestCase("$otherReply", false)]
    public async Task Main_refuses_events_whose_relation_chain_meets_a_thread(string eventId, bool expected) =>
        (await BelongsAsync(eventId, "main")).Should().Be(expected);

    [TestCase("$root", true)]
    [TestCase("$reply", true)]
    [TestCase("$react", true)]
    [TestCase("$ref3", true)]
    [TestCase("$rootReact", true)]
    [TestCase("$rootEdit", true)]
    [TestCase("$plain", false)]
    [TestCase("$other", false)]
    [TestCase("$otherReply", false)]
    public async Task Thread_root_accepts_the_root_and_any_event_whose_chain_reaches_it(string eventId, bool expected) =>
        (await BelongsAsync(eventId, "$root")).Should().Be(expected);

    [Test]
    public async Task Relations_are_followed_at_most_three_hops()
    {
        // $ref4 → $ref3 → $react → $reply is three hops; the m.thread relation to $root would be the fourth.
        (await BelongsAsync("$ref4", "$root")).Should().BeFalse();
        (await BelongsAsync("$ref4", "main")).Should().BeTrue();
        (await BelongsAsync("$ref4", "$reply")).Should().BeTrue();
    }

    [Test]
    public async Task Relation_walk_stops_at_an_unknown_parent()
    {
        _world.AddEvent(Room, "$orphan", relType: "m.annotation", relatesTo: "$missing");
        (await BelongsAsync("$orphan", "main")).Should().BeTrue();
        (await BelongsAsync("$orphan", "$root")).Should().BeFalse();
    }

    [TestCase("$root", false)]
    [TestCase("$rootReact", false)]
    [TestCase("$rootEdit", false)]
    [TestCase("$reply", true)]
    [TestCase("$react", true)]
    [TestCase("$ref3", true)]
    [TestCase("$plain", false)]
    [TestCase("$otherReply", false)]
    public async Task Strict_rule_keeps_the_root_and_its_non_thread_relations_out_of_the_thread(string eventId, bool expected) =>
        (await BelongsAsync(eventId, "$root", strict: true)).Should().Be(expected);

    [TestCase("$root", true)]
    [TestCase("$rootReact", true)]
    [TestCase("$plain", true)]
    [TestCase("$reply", false)]
    [TestCase("$react", false)]
    public async Task Strict_rule_main_accepts_the_root_and_refuses_thread_events(string eventId, bool expected) =>
        (await BelongsAsync(eventId, "main", strict: true)).Should().Be(expected);

    [Test]
    public async Task Unthreaded_receipts_accept_every_event()
    {
        var rule = new ThreadRule(_world, Options.Create(new MatrixReceiptsOptions()));
        RoomEvent reply = (await _world.FindEventAsync(RoomId.Parse(Room), EventId.Parse("$reply")))!;
        (await rule.BelongsToAsync(RoomId.Parse(Room), reply, ThreadId.Unthreaded, CancellationToken.None)).Should().BeTrue();
    }
}
