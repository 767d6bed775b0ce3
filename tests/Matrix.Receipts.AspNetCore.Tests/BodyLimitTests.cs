using System.Net;
using System.Text;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Bodies are read up to <see cref="MatrixReceiptsOptions.MaxBodyBytes"/> and no further.</summary>
[TestFixture]
public sealed class BodyLimitTests
{
    private const string Target = "/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$e1:example.org";

    private ReceiptsTestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await ReceiptsTestServer.StartAsync(o => o.MaxBodyBytes = 100);

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static string BodyOf(int length) => "{\"p\":\"" + new string('x', length - 8) + "\"}";

    [Test]
    public async Task Body_at_the_configured_limit_is_accepted()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), BodyOf(100))).ShouldBeOkEmpty();
    }

    [Test]
    public async Task Body_one_byte_over_the_configured_limit_is_413_M_TOO_LARGE()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), BodyOf(101))).ShouldBeError(HttpStatusCode.RequestEntityTooLarge, "M_TOO_LARGE");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Announced_content_length_over_the_limit_is_413_without_sending_the_body()
    {
        (int status, string headers, string body) = await RawHttp.SendAsync(
            _server.Port, $"POST {Target} HTTP/1.1\r\nAuthorization: Bearer {AliceToken}\r\nContent-Length: 1000");

        status.Should().Be(413, body);
        headers.Should().Contain("Content-Type: application/json");
        body.Should().Contain("\"M_TOO_LARGE\"");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        string chunk = BodyOf(300);
        byte[] chunked = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n{chunk}\r\n0\r\n\r\n");

        (int status, _, string body) = await RawHttp.SendAsync(
            _server.Port, $"POST {Target} HTTP/1.1\r\nAuthorization: Bearer {AliceToken}\r\nTransfer-Encoding: chunked", chunked);

        status.Should().Be(413, body);
        body.Should().Contain("\"M_TOO_LARGE\"");
    }

    [Test]
    public async Task Broken_chunked_framing_is_a_json_400()
    {
        (int status, string headers, string body) = await RawHttp.SendAsync(
            _server.Port, $"POST {Target} HTTP/1.1\r\nAuthorization: Bearer {AliceToken}\r\nTransfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n"u8.ToArray());

        status.Should().Be(400, body);
        headers.Should().Contain("Content-Type: application/json");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }
}
