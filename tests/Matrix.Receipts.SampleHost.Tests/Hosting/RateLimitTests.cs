using System.Net;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class RateLimitTests : HostTestBase
{
    protected override string[] HostArguments => ["--rate-limit", "1"];

    [Test]
    public async Task Receipts_over_the_rate_limit_are_429_M_LIMIT_EXCEEDED_with_retry_after()
    {
        var replies = new List<MatrixReply>();
        for (int i = 0; i < 5; i++)
        {
            replies.Add(await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch"));
        }

        replies[0].Status.Should().Be(HttpStatusCode.OK);
        MatrixReply limited = replies.First(r => r.Status == HttpStatusCode.TooManyRequests);
        limited.ErrorCode.Should().Be("M_LIMIT_EXCEEDED");
        limited.Body!["retry_after_ms"]!.GetValue<long>().Should().BePositive();
        limited.Response.Headers.RetryAfter.Should().NotBeNull();
    }

    [Test]
    public async Task The_rate_limit_is_per_user()
    {
        for (int i = 0; i < 5; i++)
        {
            await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");
        }

        (await Host.Bob.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch")).Status.Should().Be(HttpStatusCode.OK);
    }
}
