using System.Net;
using System.Text.Json.Nodes;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>A response of the host: status, parsed JSON body and headers.</summary>
internal sealed record MatrixReply(HttpStatusCode Status, JsonNode? Body, string RawBody, HttpResponseMessage Response)
{
    public string? ErrorCode => Body?["errcode"]?.GetValue<string>();

    public JsonObject Object => Body as JsonObject ?? throw new AssertionException($"expected a JSON object, got: {RawBody}");
}
