using System.Net;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class ClientRoutesTests : HostTestBase
{
    [Test]
    public async Task Versions_needs_no_token_and_lists_v1_4_for_threaded_and_private_receipts()
    {
        MatrixReply reply = await Host.Anonymous.GetAsync("/_matrix/client/versions");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        reply.Body!["versions"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain("v1.4");
        reply.Body["unstable_features"].Should().NotBeNull();
    }

    [Test]
    public async Task Whoami_answers_the_token_owner()
    {
        MatrixReply reply = await Host.Alice.GetAsync("/_matrix/client/v3/account/whoami");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.Body!["user_id"]!.GetValue<string>().Should().Be("@alice:example.org");
        reply.Body["is_guest"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Whoami_of_a_guest_says_so()
    {
        MatrixReply reply = await Host.Guest.GetAsync("/_matrix/client/v3/account/whoami");

        reply.Body!["user_id"]!.GetValue<string>().Should().Be("@guest:example.org");
        reply.Body["is_guest"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Whoami_without_a_token_is_401_M_MISSING_TOKEN()
    {
        MatrixReply reply = await Host.Anonymous.GetAsync("/_matrix/client/v3/account/whoami");

        reply.Status.Should().Be(HttpStatusCode.Unauthorized);
        reply.ErrorCode.Should().Be("M_MISSING_TOKEN");
    }

    [Test]
    public async Task Whoami_with_an_unknown_token_is_401_M_UNKNOWN_TOKEN()
    {
        MatrixReply reply = await Host.As("stolen").GetAsync("/_matrix/client/v3/account/whoami");

        reply.Status.Should().Be(HttpStatusCode.Unauthorized);
        reply.ErrorCode.Should().Be("M_UNKNOWN_TOKEN");
    }

    [Test]
    public async Task Unknown_matrix_path_is_404_M_UNRECOGNIZED()
    {
        MatrixReply reply = await Host.Alice.GetAsync("/_matrix/client/v3/no/such/route");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.ErrorCode.Should().Be("M_UNRECOGNIZED");
    }

    [Test]
    public async Task Known_path_with_the_wrong_method_is_405_M_UNRECOGNIZED()
    {
        MatrixReply reply = await Host.Alice.PostAsync("/_matrix/client/v3/account/whoami");

        reply.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        reply.ErrorCode.Should().Be("M_UNRECOGNIZED");
    }
}
