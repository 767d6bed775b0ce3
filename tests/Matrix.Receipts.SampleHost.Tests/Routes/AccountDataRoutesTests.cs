using System.Net;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class AccountDataRoutesTests : HostTestBase
{
    private static string PathOf(string userId, string roomId, string type) =>
        $"/_matrix/client/v3/user/{MatrixClient.E(userId)}/rooms/{MatrixClient.E(roomId)}/account_data/{MatrixClient.E(type)}";

    [Test]
    public async Task Unset_account_data_is_404_M_NOT_FOUND()
    {
        MatrixReply fullyRead = await Host.Alice.GetAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.fully_read"));
        MatrixReply other = await Host.Alice.GetAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.tag"));

        fullyRead.Status.Should().Be(HttpStatusCode.NotFound);
        fullyRead.ErrorCode.Should().Be("M_NOT_FOUND");
        other.Status.Should().Be(HttpStatusCode.NotFound);
        other.ErrorCode.Should().Be("M_NOT_FOUND");
    }

    [Test]
    public async Task Fully_read_is_served_from_the_read_marker_store()
    {
        (await Host.Alice.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/read_markers", """{"m.fully_read": "$release"}"""))
            .Status.Should().Be(HttpStatusCode.OK);

        MatrixReply reply = await Host.Alice.GetAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.fully_read"));

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.Body!["event_id"]!.GetValue<string>().Should().Be("$release");
    }

    [Test]
    public async Task Put_then_get_returns_the_stored_content()
    {
        MatrixReply put = await Host.Alice.PutAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "org.example.colour"), """{"colour": "teal"}""");
        MatrixReply get = await Host.Alice.GetAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "org.example.colour"));
        MatrixReply otherRoom = await Host.Alice.GetAsync(PathOf("@alice:example.org", MatrixClient.Garden, "org.example.colour"));

        put.Status.Should().Be(HttpStatusCode.OK);
        put.RawBody.Should().Be("{}");
        get.Body!["colour"]!.GetValue<string>().Should().Be("teal");
        otherRoom.Status.Should().Be(HttpStatusCode.NotFound, "room account data is per room");
    }

    [Test]
    public async Task Put_of_m_fully_read_is_405_M_BAD_JSON_and_changes_nothing()
    {
        MatrixReply reply = await Host.Alice.PutAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.fully_read"), """{"event_id": "$lunch"}""");

        reply.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        reply.ErrorCode.Should().Be("M_BAD_JSON");
        (await Host.Alice.GetAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.fully_read"))).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Another_users_account_data_is_403_M_FORBIDDEN()
    {
        MatrixReply get = await Host.Bob.GetAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.fully_read"));
        MatrixReply put = await Host.Bob.PutAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.tag"), "{}");

        get.Status.Should().Be(HttpStatusCode.Forbidden);
        get.ErrorCode.Should().Be("M_FORBIDDEN");
        put.Status.Should().Be(HttpStatusCode.Forbidden);
        put.ErrorCode.Should().Be("M_FORBIDDEN");
    }

    [Test]
    public async Task Put_with_a_body_that_is_not_an_object_is_400_M_BAD_JSON()
    {
        MatrixReply reply = await Host.Alice.PutAsync(PathOf("@alice:example.org", MatrixClient.Lobby, "m.tag"), "[]");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.ErrorCode.Should().Be("M_BAD_JSON");
    }
}
