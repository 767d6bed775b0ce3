using System.Text;
using Microsoft.Extensions.Options;

namespace Matrix.Receipts.Tests.Receipts;

[TestFixture]
public sealed class ReceiptRequestParserTests
{
    private const string Room = "!room:example.org";
    private static readonly UserId Alice = UserId.Parse("@alice:example.org");

    private static bool Parse(
        string body,
        out ReceiptCommand? command,
        out MatrixError? error,
        string room = Room,
        string type = "m.read",
        string eventId = "$e1",
        Action<MatrixReceiptsOptions>? configure = null) =>
        Parse(Encoding.UTF8.GetBytes(body), out command, out error, room, type, eventId, configure);

    private static bool Parse(
        byte[] body,
        out ReceiptCommand? command,
        out MatrixError? error,
        string room = Room,
        string type = "m.read",
        string eventId = "$e1",
        Action<MatrixReceiptsOptions>? configure = null)
    {
        var options = new MatrixReceiptsOptions();
        configure?.Invoke(options);
        var parser = new ReceiptRequestParser(Options.Create(options));
        return parser.TryParse(Alice, room, type, eventId, body, out command, out error);
    }

    private static MatrixError Refused(string body, string room = Room, string type = "m.read", string eventId = "$e1", Action<MatrixReceiptsOptions>? configure = null)
    {
        Parse(body, out ReceiptCommand? command, out MatrixError? error, room, type, eventId, configure).Should().BeFalse();
        command.Should().BeNull();
        return error!;
    }

    private static ReceiptCommand Accepted(string body, string type = "m.read", string eventId = "$e1", Action<MatrixReceiptsOptions>? configure = null)
    {
        Parse(body, out ReceiptCommand? command, out MatrixError? error, Room, type, eventId, configure).Should().BeTrue(error?.ToString());
        return command!;
    }

    [TestCase("m.read")]
    [TestCase("m.read.private")]
    [TestCase("m.fully_read")]
    public void Known_receipt_type_with_empty_object_gives_an_unthreaded_command(string type)
    {
        ReceiptCommand command = Accepted("{}", type);
        command.Should().Be(new ReceiptCommand(Alice, RoomId.Parse(Room), ReceiptType.FromString(type), EventId.Parse("$e1"), ThreadId.Unthreaded));
    }

    [TestCase("room:example.org")]
    [TestCase("!room:bad server")]
    [TestCase("")]
    [TestCase("!ro\0om")]
    public void Malformed_room_id_is_400_invalid_param(string room) =>
        Refused("{}", room: room).Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.InvalidParam);

    [TestCase("e1")]
    [TestCase("$a:bad server")]
    [TestCase("$")]
    [TestCase("$e\0")]
    public void Malformed_event_id_is_400_invalid_param(string eventId) =>
        Refused("{}", eventId: eventId).Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.InvalidParam);

    [Test]
    public void Event_id_with_slash_and_plus_is_accepted_as_decoded()
    {
        ReceiptCommand command = Accepted("{}", eventId: "$abc/def+ghi");
        command.EventId.Value.Should().Be("$abc/def+ghi");
    }

    [TestCase("m.Read")]
    [TestCase("M.READ")]
    [TestCase("org.matrix.msc2285.read.private")]
    [TestCase("m.receipt")]
    [TestCase("")]
    [TestCase("m.read ")]
    public void Unknown_receipt_type_is_400_invalid_param(string type) =>
        Refused("{}", type: type).Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.InvalidParam);

    [Test]
    public void Body_over_the_size_limit_is_413_too_large_and_at_the_limit_is_accepted()
    {
        string atLimit = "{\"x\":\"" + new string('a', 100 - 8) + "\"}";
        atLimit.Length.Should().Be(100);
        Accepted(atLimit, configure: o => o.MaxBodyBytes = 100);

        MatrixError error = Refused(atLimit + " ", configure: o => o.MaxBodyBytes = 100);
        error.StatusCode.Should().Be(413);
        error.ErrorCode.Should().Be(MatrixErrorCode.TooLarge);
    }

    [Test]
    public void Default_size_limit_is_64_KiB()
    {
        string padding = new('a', (64 * 1024) - 8);
        Accepted("{\"x\":\"" + padding + "\"}");
        Refused("{\"x\":\"" + padding + "a\"}").StatusCode.Should().Be(413);
    }

    [TestCase("{")]
    [TestCase("{\"a\":}")]
    [TestCase("{\"a\":1,}")]
    [TestCase("[1,]")]
    [TestCase("{\"a\":NaN}")]
    [TestCase("{\"a\":Infinity}")]
    [TestCase("{\"a\":-Infinity}")]
    [TestCase("{\"a\":01}")]
    [TestCase("{\"a\":1.}")]
    [TestCase("{\"a\":.5}")]
    [TestCase("{\"a\":1e}")]
    [TestCase("{\"a\":+1}")]
    [TestCase("{'a':1}")]
    [TestCase("{a:1}")]
    [TestCase("{} x")]
    [TestCase("{}{}")]
    [TestCase("{} // comment")]
    [TestCase("/* c */ {}")]
    [TestCase("{\"a\":\"\\x\"}")]
    [TestCase("{\"a\":\"\\ud800\"}")]
    [TestCase("{\"a\":\"\\udc00\"}")]
    [TestCase("{\"a\":tru}")]
    [TestCase("{\"a\":\"line\nbreak\"}")]
    [TestCase(" ")]
    [TestCase("\uFEFF{}")]
    public void Invalid_json_is_400_not_json(string body) =>
        Refused(body).Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.NotJson);

    [TestCase("{\"a\":1,\"a\":2}")]
    [TestCase("{\"thread_id\":\"main\",\"thread_id\":\"main\"}")]
    [TestCase("{\"a\":{\"b\":1,\"b\":1}}")]
    [TestCase("{\"a\":[{\"b\":1},{\"c\":[{\"d\":1,\"d\":2}]}]}")]
    [TestCase("{\"a\":1,\"\\u0061\":2}")]
    public void Duplicate_keys_at_any_depth_are_400_not_json(string body) =>
        Refused(body).Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.NotJson);

    [Test]
    public void Same_key_in_sibling_objects_is_not_a_duplicate() =>
        Accepted("{\"a\":[{\"b\":1},{\"b\":2}],\"c\":{\"b\":3}}");

    [Test]
    public void Invalid_utf8_is_400_not_json()
    {
        byte[] body = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];
        Parse(body, out _, out MatrixError? error).Should().BeFalse();
        error!.ErrorCode.Should().Be(MatrixErrorCode.NotJson);
        error.StatusCode.Should().Be(400);
    }

    [Test]
    public void Nesting_up_to_the_depth_limit_is_accepted_and_one_deeper_is_400_not_json()
    {
        // The body object itself is level 1.
        string Nested(int depth) => "{\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
        Accepted(Nested(64));
        Refused(Nested(65)).ErrorCode.Should().Be(MatrixErrorCode.NotJson);

        Accepted(Nested(5), configure: o => o.MaxJsonDepth = 5);
        Refused(Nested(6), configure: o => o.MaxJsonDepth = 5).ErrorCode.Should().Be(MatrixErrorCode.NotJson);
    }

    [TestCase("[]")]
    [TestCase("[{}]")]
    [TestCase("\"{}\"")]
    [TestCase("1")]
    [TestCase("null")]
    [TestCase("true")]
    public void Valid_json_that_is_not_an_object_is_400_bad_json(string body) =>
        Refused(body).Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.BadJson);

    [Test]
    public void Empty_body_is_treated_as_an_empty_object_by_default() =>
        Accepted(string.Empty).Thread.Should().Be(ThreadId.Unthreaded);

    [Test]
    public void Empty_body_is_400_not_json_when_a_json_body_is_required() =>
        Refused(string.Empty, configure: o => o.RequireJsonBody = true)
            .Should().Match<MatrixError>(e => e.StatusCode == 400 && e.ErrorCode == MatrixErrorCode.NotJson);

    [TestCase("{\"thread_id\":null}")]
    [TestCase("{\"thread_id\":\"\"}")]
    [TestCase("{\"thread_id\":1}")]
    [TestCase("{\"thread_id\":true}")]
    [TestCase("{\"thread_id\":[\"main\"]}")]
    [TestCase("{\"thread_id\":{}}")]
    public void Thread_id_that_is_not_a_non_empty_string_is_400_with_the_exact_message(string body)
    {
        MatrixError error = Refused(body);
        error.StatusCode.Should().Be(400);
        error.ErrorCode.Should().Be(MatrixErrorCode.InvalidParam);
        error.Message.Should().Be("thread_id field must be a non-empty string");
    }

    [Test]
    public void Thread_id_with_fully_read_is_400_invalid_param()
    {
        MatrixError error = Refused("{\"thread_id\":\"main\"}", type: "m.fully_read");
        error.StatusCode.Should().Be(400);
        error.ErrorCode.Should().Be(MatrixErrorCode.InvalidParam);
        error.Message.Should().NotBe("thread_id field must be a non-empty string");
    }

    [TestCase("Main")]
    [TestCase("MAIN")]
    [TestCase("root")]
    [TestCase("$a:bad server")]
    [TestCase("$")]
    public void Thread_id_that_is_neither_main_nor_an_event_id_is_400_invalid_param(string threadId)
    {
        MatrixError error = Refused("{\"thread_id\":\"" + threadId + "\"}");
        error.StatusCode.Should().Be(400);
        error.ErrorCode.Should().Be(MatrixErrorCode.InvalidParam);
    }

    [Test]
    public void Thread_id_main_and_root_event_id_are_parsed()
    {
        Accepted("{\"thread_id\":\"main\"}").Thread.Should().Be(ThreadId.Main);
        Accepted("{\"thread_id\":\"$root/x+y\"}").Thread.Should().Be(ThreadId.Thread(EventId.Parse("$root/x+y")));
        Accepted("{\"thread_\\u0069d\":\"main\"}").Thread.Should().Be(ThreadId.Main);
    }

    [Test]
    public void Unknown_keys_and_a_client_ts_are_ignored()
    {
        ReceiptCommand command = Accepted("{\"ts\":1,\"extra\":{\"thread_id\":5},\"list\":[1,2,{\"x\":null}],\"thread_id\":\"main\",\"z\":false}");
        command.Thread.Should().Be(ThreadId.Main);
        Accepted("{\"ts\":\"not a number\",\"nested\":{\"thread_id\":\"\"}}").Thread.Should().Be(ThreadId.Unthreaded);
    }

    // Check order: the first failing check answers.
    [Test]
    public void Bad_room_id_is_reported_before_a_bad_event_id_and_a_bad_receipt_type() =>
        Refused("not json", room: "bad", type: "m.bogus", eventId: "bad").Message.Should().Contain("room");

    [Test]
    public void Bad_event_id_is_reported_before_a_bad_receipt_type() =>
        Refused("{}", type: "m.bogus", eventId: "bad").Message.Should().Contain("event");

    [Test]
    public void Bad_receipt_type_is_reported_before_an_oversized_body()
    {
        MatrixError error = Refused("{\"a\":\"" + new string('a', 200) + "\"}", type: "m.bogus", configure: o => o.MaxBodyBytes = 10);
        error.StatusCode.Should().Be(400);
        error.ErrorCode.Should().Be(MatrixErrorCode.InvalidParam);
    }

    [Test]
    public void Oversized_body_is_reported_before_invalid_json() =>
        Refused("{" + new string('x', 200), configure: o => o.MaxBodyBytes = 10).StatusCode.Should().Be(413);

    [Test]
    public void Invalid_json_is_reported_before_a_bad_thread_id() =>
        Refused("{\"thread_id\":\"\",}").ErrorCode.Should().Be(MatrixErrorCode.NotJson);

    [Test]
    public void Empty_thread_id_is_reported_before_the_fully_read_conflict() =>
        Refused("{\"thread_id\":\"\"}", type: "m.fully_read").Message.Should().Be("thread_id field must be a non-empty string");

    [Test]
    public void Fully_read_conflict_is_reported_before_a_malformed_thread_id() =>
        Refused("{\"thread_id\":\"bogus\"}", type: "m.fully_read").Message.Should().Contain("m.fully_read");
}
