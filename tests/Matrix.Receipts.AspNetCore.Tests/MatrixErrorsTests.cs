using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Matrix-shaped errors under /_matrix: 404 and 405 M_UNRECOGNIZED, 500 M_UNKNOWN, never HTML.</summary>
[TestFixture]
public sealed class MatrixErrorsTests
{
    private static void HostRoutes(WebApplication app)
    {
        app.MapGet("/_matrix/client/v3/host_route", () => "ok");
        app.MapGet("/_matrix/client/v3/host_failure", (Func<string>)(() => throw new InvalidOperationException("host bug")));
        app.MapGet("/_matrix/client/v3/host_unauthorized", (RequestDelegate)(context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }));
        app.MapGet("/_matrix/client/v3/host_missing", (RequestDelegate)(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        app.MapGet("/other/failure", (Func<string>)(() => throw new InvalidOperationException("not matrix")));
    }

    [Test]
    public async Task Unknown_path_under_matrix_is_404_M_UNRECOGNIZED()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(routes: HostRoutes);

        (await server.SendAsync(HttpMethod.Get, "/_matrix/client/v3/nothing_here", null)).ShouldBeError(HttpStatusCode.NotFound, "M_UNRECOGNIZED");
        (await server.PostAsync("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read")).ShouldBeError(HttpStatusCode.NotFound, "M_UNRECOGNIZED");
    }

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    [TestCase("PATCH")]
    public async Task Wrong_method_on_a_receipt_path_is_405_M_UNRECOGNIZED(string method)
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync();

        MatrixReply reply = await server.SendAsync(new HttpMethod(method), Receipt(Room, "m.read", "$e1:example.org"), method == "GET" ? null : "{}"u8.ToArray());

        reply.ShouldBeError(HttpStatusCode.MethodNotAllowed, "M_UNRECOGNIZED");
        reply.Headers["Allow"].Should().Be("POST");
        (await server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Options_on_a_receipt_path_is_204_and_runs_nothing()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync();

        MatrixReply reply = await server.SendAsync(HttpMethod.Options, Receipt(Room, "m.read", "$e1:example.org"), null);

        reply.Status.Should().Be(HttpStatusCode.NoContent);
        reply.Headers["Allow"].Split(',').Select(m => m.Trim()).Should().BeEquivalentTo("OPTIONS", "POST");
        (await server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
        server.World.EventLookups.Should().Be(0);
    }

    [Test]
    public async Task Wrong_method_on_read_markers_is_405_even_without_matrix_errors_middleware()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(useMatrixErrors: false);

        (await server.SendAsync(HttpMethod.Get, ReadMarkers(Room, "r0"), null)).ShouldBeError(HttpStatusCode.MethodNotAllowed, "M_UNRECOGNIZED");
    }

    [Test]
    public async Task Wrong_method_on_a_host_route_is_405_M_UNRECOGNIZED()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(routes: HostRoutes);

        (await server.PostAsync("/_matrix/client/v3/host_route")).ShouldBeError(HttpStatusCode.MethodNotAllowed, "M_UNRECOGNIZED");
        (await server.SendAsync(HttpMethod.Get, "/_matrix/client/v3/host_route", null)).Body.Should().Be("ok");
    }

    [Test]
    public async Task Exception_in_a_host_route_is_500_M_UNKNOWN_json()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(routes: HostRoutes);

        (await server.SendAsync(HttpMethod.Get, "/_matrix/client/v3/host_failure", null)).ShouldBeError(HttpStatusCode.InternalServerError, "M_UNKNOWN");
    }

    [Test]
    public async Task Bare_401_from_a_host_route_gets_the_matrix_shape()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(routes: HostRoutes);

        (await server.SendAsync(HttpMethod.Get, "/_matrix/client/v3/host_unauthorized", null, token: null)).ShouldBeError(HttpStatusCode.Unauthorized, "M_MISSING_TOKEN");
    }

    [Test]
    public async Task Bare_404_from_a_matched_host_route_is_M_NOT_FOUND()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(routes: HostRoutes);

        (await server.SendAsync(HttpMethod.Get, "/_matrix/client/v3/host_missing", null)).ShouldBeError(HttpStatusCode.NotFound, "M_NOT_FOUND");
    }

    [Test]
    public async Task Paths_outside_matrix_are_left_alone()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(routes: HostRoutes);

        MatrixReply reply = await server.SendAsync(HttpMethod.Get, "/not_matrix", null);

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Body.Should().BeEmpty();
    }

    [Test]
    public async Task Failing_host_hook_on_the_receipt_route_is_500_M_UNKNOWN_json_without_middleware()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(
            services: s => s.AddSingleton<IHomeserverRooms>(new ThrowingRooms()),
            useMatrixErrors: false);

        (await server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"))).ShouldBeError(HttpStatusCode.InternalServerError, "M_UNKNOWN");
        (await server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }
}
