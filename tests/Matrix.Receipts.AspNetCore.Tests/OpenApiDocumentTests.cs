using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>The host's OpenAPI document describes the routes as the spec does.</summary>
[TestFixture]
public sealed class OpenApiDocumentTests
{
    private const string ReceiptPath = "/_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}";
    private const string ReadMarkersPath = "/_matrix/client/v3/rooms/{roomId}/read_markers";

    private static async Task<JsonElement> DocumentAsync()
    {
        await using ReceiptsTestServer server = await ReceiptsTestServer.StartAsync(
            services: s => s.AddOpenApi(),
            routes: app => app.MapOpenApi());
        string json = await server.Client.GetStringAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Test]
    public async Task Receipt_route_is_described_as_postReceipt()
    {
        JsonElement paths = (await DocumentAsync()).GetProperty("paths");

        JsonElement post = paths.GetProperty(ReceiptPath).GetProperty("post");
        post.GetProperty("operationId").GetString().Should().Be("postReceipt");
        post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("Room participation");
        post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "401", "403", "413", "429"]);
        JsonElement parameters = paths.GetProperty(ReceiptPath).TryGetProperty("parameters", out JsonElement shared) ? shared : post.GetProperty("parameters");
        parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString()))
            .Should().BeEquivalentTo([("roomId", "path"), ("receiptType", "path"), ("eventId", "path")]);
    }

    [Test]
    public async Task Read_markers_route_is_described_as_setReadMarker()
    {
        JsonElement paths = (await DocumentAsync()).GetProperty("paths");

        paths.GetProperty(ReadMarkersPath).GetProperty("post").GetProperty("operationId").GetString().Should().Be("setReadMarker");
    }

    [Test]
    public async Task Error_responses_use_the_matrix_error_schema()
    {
        JsonElement document = await DocumentAsync();
        JsonElement schema = document.GetProperty("paths").GetProperty(ReceiptPath).GetProperty("post")
            .GetProperty("responses").GetProperty("429").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            string name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("errcode", "error", "retry_after_ms");
    }

    [Test]
    public async Task Deprecated_r0_routes_and_method_fallbacks_are_not_described()
    {
        JsonElement paths = (await DocumentAsync()).GetProperty("paths");

        paths.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(ReceiptPath, ReadMarkersPath);
        paths.GetProperty(ReceiptPath).EnumerateObject().Select(p => p.Name).Should().NotContain(["get", "put", "delete"]);
    }
}
