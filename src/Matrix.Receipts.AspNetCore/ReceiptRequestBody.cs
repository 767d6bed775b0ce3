using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>The OpenAPI schema of the <c>/receipt</c> body (the route reads it with <c>Utf8JsonReader</c>, never through this type).</summary>
internal sealed class ReceiptRequestBody
{
    /// <summary>The thread the receipt is for: <c>main</c> or a thread root event ID; absent for an unthreaded receipt.</summary>
    [JsonPropertyName("thread_id")]
    public string? ThreadId { get; init; }
}
