using System.Net;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Behaviour contract §5 over real HTTP.</summary>
[TestFixture]
public sealed class ReadMarkersRouteTests
{
    private ReceiptsTestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await ReceiptsTestServer.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task All_three_markers_are_applied()
    {
        (await _server.PostAsync(ReadMarkers(Room), "{\"m.fully_read\":\"$e2:example.org\",\"m.read\":\"$e3:example.org\",\"m.read.private\":\"$e1:example.org\"}"))
            .ShouldBeOkEmpty();

        (await _server.FullyReadOfAsync(Alice))!.Marker.EventId.Value.Should().Be("$e2:example.org");
        IReadOnlyList<StoredReceipt> receipts = await _server.ReceiptsOfAsync(Alice);
        receipts.Should().HaveCount(2);
        receipts.Single(r => r.Receipt.Type == ReceiptType.Read).Receipt.EventId.Value.Should().Be("$e3:example.org");
        receipts.Single(r => r.Receipt.Type == ReceiptType.ReadPrivate).Receipt.EventId.Value.Should().Be("$e1:example.org");
        receipts.Should().OnlyContain(r => r.Receipt.Thread == ThreadId.Unthreaded);
    }

    [Test]
    public async Task R0_route_applies_markers()
    {
        (await _server.PostAsync(ReadMarkers(Room, version: "r0"), "{\"m.fully_read\":\"$e1:example.org\"}")).ShouldBeOkEmpty();

        (await _server.FullyReadOfAsync(Alice))!.Marker.EventId.Value.Should().Be("$e1:example.org");
    }

    [Test]
    public async Task Empty_object_changes_nothing()
    {
        (await _server.PostAsync(ReadMarkers(Room), "{}")).ShouldBeOkEmpty();

        (await _server.FullyReadOfAsync(Alice)).Should().BeNull();
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task One_bad_value_applies_nothing()
    {
        (await _server.PostAsync(ReadMarkers(Room), "{\"m.fully_read\":\"$e2:example.org\",\"m.read\":5}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");

        (await _server.FullyReadOfAsync(Alice)).Should().BeNull();
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Fully_read_of_unknown_event_is_404_M_NOT_FOUND()
    {
        (await _server.PostAsync(ReadMarkers(Room), "{\"m.fully_read\":\"$gone:example.org\"}")).ShouldBeError(HttpStatusCode.NotFound, "M_NOT_FOUND");
    }

    [Test]
    public async Task Missing_token_is_401_M_MISSING_TOKEN()
    {
        (await _server.PostAsync(ReadMarkers(Room), "{\"m.fully_read\":\"$e2:example.org\"}", token: null))
            .ShouldBeError(HttpStatusCode.Unauthorized, "M_MISSING_TOKEN");
        (await _server.FullyReadOfAsync(Alice)).Should().BeNull();
    }

    [Test]
    public async Task Malformed_room_id_is_400_M_INVALID_PARAM()
    {
        (await _server.PostAsync(ReadMarkers("room"), "{}")).ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
    }

    [Test]
    public async Task Outsider_is_403_M_FORBIDDEN()
    {
        (await _server.PostAsync(ReadMarkers(Room), "{\"m.fully_read\":\"$e2:example.org\"}", token: EveToken))
            .ShouldBeError(HttpStatusCode.Forbidden, "M_FORBIDDEN");
        (await _server.FullyReadOfAsync(Eve)).Should().BeNull();
    }
}
