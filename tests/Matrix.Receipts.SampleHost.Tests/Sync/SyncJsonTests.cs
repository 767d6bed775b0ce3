using System.Net;

namespace Matrix.Receipts.SampleHost.Tests.Sync;

[TestFixture]
public sealed class SyncJsonTests
{
    private const string Fixture = """
        {"serverName": "example.org",
         "users": [{"userId": "@alice:example.org", "accessToken": "alice_token"},
                   {"userId": "@bob:example.org", "accessToken": "bob_token"}],
         "rooms": [{"roomId": "!r:example.org", "members": ["@alice:example.org", "@bob:example.org"],
                    "events": [{"eventId": "$ab+c/d", "sender": "@bob:example.org"}]}]}
        """;

    [Test]
    public async Task Event_ids_with_plus_and_slash_appear_verbatim_in_sync()
    {
        string file = Path.Combine(Path.GetTempPath(), $"fixture-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Fixture);
        try
        {
            await using RunningHost host = await RunningHost.StartAsync("--fixture", file);
            MatrixReply posted = await host.Alice.PostReceiptAsync("!r:example.org", "m.read", "$ab+c/d");
            posted.Status.Should().Be(HttpStatusCode.OK);

            MatrixReply sync = await host.Bob.SyncAsync();

            // Valid JSON either way, but clients and logs should see the identifier as it is, not "\u002B".
            sync.RawBody.Should().Contain("\"$ab+c/d\"").And.NotContain("\\u002B");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
