using System.Text;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Nothing a client can send produces a 5xx: a bounded, seeded loop of odd paths, methods, headers and bodies.</summary>
[TestFixture]
public sealed class FuzzTests
{
    private const string PathChars = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789!$:.-_~+=@%/;,'()*&";
    private static readonly string[] Methods = ["POST", "POST", "POST", "GET", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"];
    private static readonly string[] Escapes = ["%2F", "%252F", "%00", "%ZZ", "%", "%F", "%FF", "%C3%A9", "%E2%82", "%2E%2E", "..", ".", "%20", "%0A", "//"];
    private static readonly string[] Types = ["m.read", "m.read.private", "m.fully_read", "M.READ", "", "m.read%00"];

    [Test]
    public async Task Random_requests_never_get_a_5xx()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(o => o.MaxBodyBytes = 2048);
        var random = new Random(20261203);
        var failures = new List<string>();

        for (int i = 0; i < 300; i++)
        {
            string method = Methods[random.Next(Methods.Length)];
            string target = RandomTarget(random);
            byte[] body = RandomBody(random);
            var head = new StringBuilder($"{method} {target} HTTP/1.1");
            if (random.Next(4) != 0)
            {
                head.Append("\r\nAuthorization: Bearer ").Append(random.Next(3) == 0 ? "garbage" : AliceToken);
            }

            if (random.Next(2) == 0)
            {
                head.Append("\r\nContent-Type: ").Append(random.Next(2) == 0 ? "application/json" : "text/x-garbage; charset=utf-99");
            }

            bool chunked = random.Next(4) == 0;
            byte[] payload = body;
            if (chunked)
            {
                head.Append("\r\nTransfer-Encoding: chunked");
                payload = [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];
            }
            else
            {
                head.Append("\r\nContent-Length: ").Append(body.Length);
            }

            (int status, _, string responseBody) = await RawHttp.SendAsync(server.Port, head.ToString(), payload);
            if (status is 0 or >= 500)
            {
                failures.Add($"{method} {target} ({body.Length} bytes) -> {status} {responseBody}");
            }
        }

        failures.Should().BeEmpty();
    }

    private static string RandomTarget(Random random)
    {
        string Segment()
        {
            var segment = new StringBuilder();
            int parts = random.Next(1, 6);
            for (int p = 0; p < parts; p++)
            {
                segment.Append(random.Next(3) == 0 ? Escapes[random.Next(Escapes.Length)] : PathChars[random.Next(PathChars.Length)]);
            }

            return segment.ToString();
        }

        string room = random.Next(2) == 0 ? "!room:example.org" : "!" + Segment();
        string eventId = random.Next(3) == 0 ? "$e1:example.org" : "$" + Segment();
        string version = random.Next(5) == 0 ? "v1" : random.Next(2) == 0 ? "v3" : "r0";
        return random.Next(6) switch
        {
            0 => $"/_matrix/client/{version}/rooms/{room}/read_markers",
            1 => "/_matrix/" + Segment() + "/" + Segment(),
            2 => $"/_matrix/client/{version}/rooms/{room}/receipt/{Types[random.Next(Types.Length)]}/{eventId}?access_token={Segment()}",
            _ => $"/_matrix/client/{version}/rooms/{room}/receipt/{Types[random.Next(Types.Length)]}/{eventId}",
        };
    }

    private static byte[] RandomBody(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return [];
            case 1:
                byte[] bytes = new byte[random.Next(1, 3000)];
                random.NextBytes(bytes);
                return bytes;
            case 2:
                return Encoding.UTF8.GetBytes(new string('[', random.Next(1, 200)));
            case 3:
                return Encoding.UTF8.GetBytes("{\"thread_id\":" + (random.Next(2) == 0 ? "\"main\"" : "\"$root:example.org\"") + "}");
            case 4:
                return Encoding.UTF8.GetBytes("{\"m.fully_read\":\"$e2:example.org\",\"m.read\":" + random.Next() + "}");
            default:
                return "{\"thread_id\":\"\uFFFF\",\"a\":1e999999}"u8.ToArray();
        }
    }
}
