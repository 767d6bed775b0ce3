using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>The OpenAPI schema of a Matrix error (spec: "Standard error response"); the body <see cref="MatrixError"/> writes.</summary>
internal sealed class MatrixErrorBody
{
    /// <summary>The Matrix error code, for example <c>M_INVALID_PARAM</c>.</summary>
    [JsonPropertyName("errcode")]
    public required string ErrorCode { get; init; }

    /// <summary>A human-readable message.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>For 429: how long to wait before retrying, in milliseconds.</summary>
    [JsonPropertyName("retry_after_ms")]
    public long? RetryAfterMs { get; init; }
}
