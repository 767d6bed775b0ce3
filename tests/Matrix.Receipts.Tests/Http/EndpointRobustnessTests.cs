using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.Tests.Http;

/// <summary>§8: nothing a client can send produces an exception or a 5xx, and every refusal is a Matrix error body.</summary>
[TestFixture]
public sealed class EndpointRobustnessTests
{
    private static readonly string[] Methods = ["POST", "GET", "post", "PUT", ""];
    private static readonly string[] Versions = ["v3", "r0", "v1", ""];
    private static readonly string[] Rooms = [ReceiptsHarness.Room, "!room", "room", "", "!a:b:c", "!\0", "!é:example.org", new string('!', 300)];
    private static readonly string[] Kinds = ["receipt", "read_markers", "receipts", ""];
    private static readonly string[] Types = ["m.read", "m.read.private", "m.fully_read", "m.Read", "", "\uFFFF"];
    private static readonly string[] Events = ["$e1", "$e2", "$e3", "$unknown", "e1", "$", "$a:bad server", "$x/y+z", "$\uD800"];
    private static readonly string[] Tokens = [ReceiptsHarness.AliceToken, ReceiptsHarness.AliceToken, ReceiptsHarness.BobToken, ReceiptsHarness.GuestToken, "", "x"];
    private static readonly string[] BodyParts =
    [
        "{", "}", "[", "]", ",", ":", "\"thread_id\"", "\"main\"", "\"$e1\"", "\"m.read\"", "\"m.fully_read\"", "\"m.read.private\"",
        "\"com.beeper.allow_backward\"", "true", "null", "1e999", "-0", "\"\"", "\"\\ud800\"", " ", "NaN",
    ];

    private static readonly int[] Allowed = [200, 400, 401, 403, 404, 405, 413, 429];

    [Test]
    public async Task Random_requests_never_throw_and_answer_with_a_matrix_status_and_body()
    {
        using var h = new ReceiptsHarness(o =>
        {
            o.MaxBodyBytes = 64;
            o.MaxJsonDepth = 3;
            o.AllowBackwardFullyReadMarker = true;
        });
        var random = new Random(8446);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];

        for (int n = 0; n < 3000; n++)
        {
            var body = new StringBuilder();
            int parts = random.Next(0, 10);
            for (int p = 0; p < parts; p++)
            {
                body.Append(Pick(BodyParts));
            }

            string kind = Pick(Kinds);
            string[] path = kind == "receipt"
                ? [Pick(Versions), "rooms", Pick(Rooms), kind, Pick(Types), Pick(Events)]
                : [Pick(Versions), "rooms", Pick(Rooms), kind];
            byte[] bytes = random.Next(20) == 0 ? [0xFF, 0xFE, (byte)'{'] : Encoding.UTF8.GetBytes(body.ToString());
            var request = new MatrixRequest(Pick(Methods), path, bytes, Pick(Tokens));

            MatrixResponse response = await h.Endpoint.HandleAsync(request);

            Allowed.Should().Contain(response.StatusCode, string.Join('/', path) + " " + body);
            using JsonDocument json = JsonDocument.Parse(response.Body);
            if (response.StatusCode == 200)
            {
                json.RootElement.EnumerateObject().Should().BeEmpty();
            }
            else
            {
                json.RootElement.GetProperty("errcode").GetString().Should().StartWith("M_");
            }
        }
    }
}
