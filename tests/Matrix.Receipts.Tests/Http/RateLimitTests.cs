using System.Text.Json;

namespace Matrix.Receipts.Tests.Http;

/// <summary>Check 2: the optional per-user token bucket and its Matrix-shaped 429.</summary>
[TestFixture]
public sealed class RateLimitTests
{
    [Test]
    public async Task Request_over_the_burst_is_429_with_retry_after_ms_and_a_rounded_up_retry_after_header()
    {
        using var h = new ReceiptsHarness(o => o.RateLimitPerSecond = 4);
        for (int i = 0; i < 4; i++)
        {
            (await h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();
        }

        MatrixResponse limited = await h.PostReceiptAsync("m.read", "$e3");

        JsonElement body = limited.ShouldBeError(429, MatrixErrorCode.LimitExceeded);
        body.GetProperty("retry_after_ms").GetInt64().Should().Be(250);
        limited.Headers.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("Retry-After", "1"));
        (await h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(h.E1.EventId);
    }

    [Test]
    public async Task Bucket_refills_at_the_configured_rate()
    {
        using var h = new ReceiptsHarness(o => o.RateLimitPerSecond = 2);
        (await h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();
        (await h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();
        (await h.PostReceiptAsync("m.read", "$e1")).StatusCode.Should().Be(429);

        h.Time.Advance(TimeSpan.FromMilliseconds(499));
        (await h.PostReceiptAsync("m.read", "$e1")).StatusCode.Should().Be(429);

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        (await h.PostReceiptAsync("m.read", "$e2")).ShouldBeOk();
        (await h.PostReceiptAsync("m.read", "$e3")).StatusCode.Should().Be(429);
        (await h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(h.E2.EventId);
    }

    [Test]
    public async Task Limit_is_per_user_and_shared_by_both_routes()
    {
        using var h = new ReceiptsHarness(o => o.RateLimitPerSecond = 1);
        h.World.AddUser("@carol:example.org", "carol-token");
        h.World.Join(ReceiptsHarness.Room, "@carol:example.org");

        (await h.PostReadMarkersAsync("{}")).ShouldBeOk();
        (await h.PostReceiptAsync("m.read", "$e1")).ShouldBeError(429, MatrixErrorCode.LimitExceeded);
        (await h.PostReceiptAsync("m.read", "$e1", token: "carol-token")).ShouldBeOk();
        (await h.ReceiptsOfAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task Rate_limit_is_checked_after_authentication_and_before_the_request_is_parsed()
    {
        using var h = new ReceiptsHarness(o => o.RateLimitPerSecond = 1);
        (await h.PostReceiptAsync("m.bogus", "bad", token: "unknown")).ShouldBeError(401, MatrixErrorCode.UnknownToken);
        (await h.PostReceiptAsync("m.bogus", "bad")).ShouldBeError(400, MatrixErrorCode.InvalidParam);
        (await h.PostReceiptAsync("m.bogus", "bad")).ShouldBeError(429, MatrixErrorCode.LimitExceeded);
        h.World.EventLookups.Should().Be(0);
    }

    [Test]
    public async Task Without_a_rate_limit_many_requests_are_accepted()
    {
        using var h = new ReceiptsHarness();
        for (int i = 0; i < 200; i++)
        {
            (await h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();
        }
    }

    [TestCase(1L, "1")]
    [TestCase(999L, "1")]
    [TestCase(1000L, "1")]
    [TestCase(1001L, "2")]
    [TestCase(2500L, "3")]
    [TestCase(0L, "0")]
    public void Retry_after_header_is_whole_seconds_rounded_up(long retryAfterMs, string header)
    {
        MatrixResponse response = MatrixResponse.FromError(MatrixError.LimitExceeded(retryAfterMs));
        response.StatusCode.Should().Be(429);
        response.Headers.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("Retry-After", header));
        using JsonDocument body = JsonDocument.Parse(response.Body);
        body.RootElement.GetProperty("retry_after_ms").GetInt64().Should().Be(retryAfterMs);
    }

    [Test]
    public void Non_429_errors_carry_no_retry_after()
    {
        MatrixResponse response = MatrixResponse.FromError(MatrixError.InvalidParam("x"));
        response.Headers.Should().BeEmpty();
        using JsonDocument body = JsonDocument.Parse(response.Body);
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("errcode", "error");
    }
}
