using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Check 2 over real HTTP: 429 M_LIMIT_EXCEEDED with retry_after_ms and Retry-After.</summary>
[TestFixture]
public sealed class RateLimitTests
{
    [Test]
    public async Task Over_the_rate_limit_is_429_with_retry_after_and_stores_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(
            o => o.RateLimitPerSecond = 1,
            s => s.AddSingleton<TimeProvider>(time));

        (await server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"))).ShouldBeOkEmpty();
        MatrixReply limited = await server.PostAsync(Receipt(Room, "m.read", "$e2:example.org"));

        limited.ShouldBeError(HttpStatusCode.TooManyRequests, "M_LIMIT_EXCEEDED");
        long retryAfterMs = limited.Json!.Value.GetProperty("retry_after_ms").GetInt64();
        retryAfterMs.Should().BePositive();
        limited.Headers["Retry-After"].Should().Be(((retryAfterMs + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await server.ReceiptsOfAsync(Alice)).Single().Receipt.EventId.Value.Should().Be("$e1:example.org");

        time.Advance(TimeSpan.FromSeconds(2));
        (await server.PostAsync(Receipt(Room, "m.read", "$e2:example.org"))).ShouldBeOkEmpty();
    }
}
