using System.Globalization;
using System.Text.Json;

namespace Matrix.Receipts;

/// <summary>A Matrix error response: an HTTP status and the body <c>{"errcode": "...", "error": "..."}</c>.</summary>
public sealed class MatrixError
{
    /// <summary>Creates an error.</summary>
    public MatrixError(int statusCode, string errorCode, string message, long? retryAfterMs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ArgumentNullException.ThrowIfNull(message);
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Message = message;
        RetryAfterMs = retryAfterMs;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The Matrix <c>errcode</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The human-readable <c>error</c>.</summary>
    public string Message { get; }

    /// <summary>For 429: how long the client should wait, in milliseconds (<c>retry_after_ms</c>).</summary>
    public long? RetryAfterMs { get; }

    /// <summary>The JSON body of this error.</summary>
    public byte[] ToJsonBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, MatrixResponse.JsonWriterOptions))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the JSON body of this error.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("errcode"u8, ErrorCode);
        writer.WriteString("error"u8, Message);
        if (RetryAfterMs is long retry)
        {
            writer.WriteNumber("retry_after_ms"u8, retry);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StatusCode} {ErrorCode}: {Message}");

    /// <summary>400 <c>M_INVALID_PARAM</c>.</summary>
    public static MatrixError InvalidParam(string message) => new(400, MatrixErrorCode.InvalidParam, message);

    /// <summary>400 <c>M_NOT_JSON</c>.</summary>
    public static MatrixError NotJson(string message) => new(400, MatrixErrorCode.NotJson, message);

    /// <summary>400 <c>M_BAD_JSON</c>.</summary>
    public static MatrixError BadJson(string message) => new(400, MatrixErrorCode.BadJson, message);

    /// <summary>413 <c>M_TOO_LARGE</c>.</summary>
    public static MatrixError TooLarge(string message) => new(413, MatrixErrorCode.TooLarge, message);

    /// <summary>404 <c>M_NOT_FOUND</c>.</summary>
    public static MatrixError NotFound(string message) => new(404, MatrixErrorCode.NotFound, message);

    /// <summary>403 <c>M_FORBIDDEN</c>.</summary>
    public static MatrixError Forbidden(string message) => new(403, MatrixErrorCode.Forbidden, message);

    /// <summary>401 <c>M_MISSING_TOKEN</c>.</summary>
    public static MatrixError MissingToken() => new(401, MatrixErrorCode.MissingToken, "Missing access token");

    /// <summary>401 <c>M_UNKNOWN_TOKEN</c>.</summary>
    public static MatrixError UnknownToken() => new(401, MatrixErrorCode.UnknownToken, "Unrecognised access token");

    /// <summary>403 <c>M_GUEST_ACCESS_FORBIDDEN</c>.</summary>
    public static MatrixError GuestAccessForbidden() => new(403, MatrixErrorCode.GuestAccessForbidden, "Guest access is not allowed for this endpoint");

    /// <summary>404 <c>M_UNRECOGNIZED</c>: unknown endpoint.</summary>
    public static MatrixError UnrecognizedPath() => new(404, MatrixErrorCode.Unrecognized, "Unrecognized request");

    /// <summary>405 <c>M_UNRECOGNIZED</c>: known endpoint, wrong method.</summary>
    public static MatrixError UnrecognizedMethod() => new(405, MatrixErrorCode.Unrecognized, "Unrecognized request method");

    /// <summary>500 <c>M_UNKNOWN</c>: the host or a store failed (never sent for anything a client can send).</summary>
    public static MatrixError Internal() => new(500, MatrixErrorCode.Unknown, "Internal server error");

    /// <summary>429 <c>M_LIMIT_EXCEEDED</c> with <c>retry_after_ms</c>.</summary>
    public static MatrixError LimitExceeded(long retryAfterMs) => new(429, MatrixErrorCode.LimitExceeded, "Too many requests", retryAfterMs);
}
