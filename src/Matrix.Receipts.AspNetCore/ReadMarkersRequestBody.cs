using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>The OpenAPI schema of the <c>/read_markers</c> body (the route reads it with <c>Utf8JsonReader</c>, never through this type).</summary>
internal sealed class ReadMarkersRequestBody
{
    /// <summary>The event the fully-read marker moves to.</summary>
    [JsonPropertyName("m.fully_read")]
    public string? FullyRead { get; init; }

    /// <summary>The event of the user's public read receipt.</summary>
    [JsonPropertyName("m.read")]
    public string? Read { get; init; }

    /// <summary>The event of the user's private read receipt.</summary>
    [JsonPropertyName("m.read.private")]
    public string? ReadPrivate { get; init; }
}
