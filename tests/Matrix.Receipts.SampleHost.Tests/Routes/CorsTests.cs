using System.Net;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>Client-server API "Web Browser Clients": CORS headers on every /_matrix endpoint, preflights answered.</summary>
[TestFixture]
public sealed class CorsTests : HostTestBase
{
    private async Task<HttpResponseMessage> PreflightAsync(string path, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://client.example");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await Host.Http.SendAsync(request);
    }

    private static void ShouldAllow(HttpResponseMessage response, string method)
    {
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")).Split(',', StringSplitOptions.TrimEntries).Should().Contain(method);
        string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant()
            .Should().Contain("AUTHORIZATION").And.Contain("CONTENT-TYPE");
    }

    [Test]
    public async Task Preflight_on_the_receipt_route_is_204_with_the_cors_headers()
    {
        using HttpResponseMessage response = await PreflightAsync(
            $"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/receipt/m.read/{MatrixClient.E("$lunch")}", "POST");

        ShouldAllow(response, "POST");
    }

    [Test]
    public async Task Preflight_on_the_read_markers_route_is_204_with_the_cors_headers()
    {
        using HttpResponseMessage response = await PreflightAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/read_markers", "POST");

        ShouldAllow(response, "POST");
    }

    [Test]
    public async Task Preflight_on_sync_is_204_with_the_cors_headers()
    {
        using HttpResponseMessage response = await PreflightAsync("/_matrix/client/v3/sync?timeout=30000", "GET");

        ShouldAllow(response, "GET");
    }

    [Test]
    public async Task Preflight_on_send_is_204_with_the_cors_headers()
    {
        using HttpResponseMessage response = await PreflightAsync(
            $"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/send/m.room.message/t1", "PUT");

        ShouldAllow(response, "PUT");
    }

    [Test]
    public async Task Responses_and_errors_carry_the_allow_origin_header()
    {
        using var ok = new HttpRequestMessage(HttpMethod.Post, $"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/receipt/m.read/{MatrixClient.E("$lunch")}");
        ok.Headers.Add("Origin", "https://client.example");
        ok.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "alice_token");
        ok.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage okResponse = await Host.Http.SendAsync(ok);

        using var unauthorized = new HttpRequestMessage(HttpMethod.Get, "/_matrix/client/v3/sync");
        unauthorized.Headers.Add("Origin", "https://client.example");
        using HttpResponseMessage unauthorizedResponse = await Host.Http.SendAsync(unauthorized);

        okResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        okResponse.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        unauthorizedResponse.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unauthorizedResponse.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
    }
}
