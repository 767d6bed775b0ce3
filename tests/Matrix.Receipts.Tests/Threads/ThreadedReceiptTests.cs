namespace Matrix.Receipts.Tests.Threads;

/// <summary>The thread rule as the receipt route applies it (§2 check 13).</summary>
[TestFixture]
public sealed class ThreadedReceiptTests
{
    [Test]
    public async Task Event_outside_the_thread_is_400_invalid_param_naming_both_and_stores_nothing()
    {
        using var h = new ReceiptsHarness();
        h.World.AddEvent(ReceiptsHarness.Room, "$root");

        MatrixResponse response = await h.PostReceiptAsync("m.read", "$e1", "{\"thread_id\":\"$root\"}");

        response.ShouldBeError(400, MatrixErrorCode.InvalidParam);
        response.ErrorMessage().Should().Be("event_id $e1 is not related to thread $root");
        await h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Thread_reply_with_main_is_400_invalid_param()
    {
        using var h = new ReceiptsHarness();
        h.World.AddEvent(ReceiptsHarness.Room, "$root");
        h.World.AddEvent(ReceiptsHarness.Room, "$reply", relType: "m.thread", relatesTo: "$root");

        MatrixResponse response = await h.PostReceiptAsync("m.read.private", "$reply", "{\"thread_id\":\"main\"}");

        response.ShouldBeError(400, MatrixErrorCode.InvalidParam);
        response.ErrorMessage().Should().Be("event_id $reply is not related to thread main");
        await h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Thread_reply_with_its_root_is_stored_under_that_thread()
    {
        using var h = new ReceiptsHarness();
        h.World.AddEvent(ReceiptsHarness.Room, "$root");
        RoomEvent reply = h.World.AddEvent(ReceiptsHarness.Room, "$reply", relType: "m.thread", relatesTo: "$root");

        (await h.PostReceiptAsync("m.read", "$reply", "{\"thread_id\":\"$root\"}")).ShouldBeOk();

        ThreadId thread = ThreadId.Thread(EventId.Parse("$root"));
        StoredReceipt stored = (await h.ReceiptAsync(ReceiptType.Read, thread))!;
        stored.Receipt.EventId.Should().Be(reply.EventId);
        (await h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded)).Should().BeNull();
    }

    [Test]
    public async Task Root_is_accepted_in_its_thread_by_default_and_refused_with_the_strict_rule()
    {
        using (var h = new ReceiptsHarness())
        {
            h.World.AddEvent(ReceiptsHarness.Room, "$root");
            (await h.PostReceiptAsync("m.read", "$root", "{\"thread_id\":\"$root\"}")).ShouldBeOk();
            (await h.ReceiptsOfAsync()).Should().ContainSingle();
        }

        using (var strict = new ReceiptsHarness(o => o.StrictThreadRule = true))
        {
            strict.World.AddEvent(ReceiptsHarness.Room, "$root");
            (await strict.PostReceiptAsync("m.read", "$root", "{\"thread_id\":\"$root\"}")).ShouldBeError(400, MatrixErrorCode.InvalidParam);
            await strict.ShouldHaveStoredNothingAsync();
            (await strict.PostReceiptAsync("m.read", "$root", "{\"thread_id\":\"main\"}")).ShouldBeOk();
        }
    }
}
