namespace Matrix.Receipts;

/// <summary>A response in host-neutral form: status, JSON body (always <c>application/json</c>) and extra headers.</summary>
public sealed class MatrixResponse
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>Creates a response.</summary>
    public MatrixResponse(int statusCode, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = headers ?? [];
    }

    /// <summary>200 with the body <c>{}</c>.</summary>
    public static MatrixResponse Ok { get; } = new(200, EmptyObject);

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The JSON body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Headers beyond <c>Content-Type</c>, for example <c>Retry-After</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// Writer options for Matrix JSON bodies: no HTML-safe escaping, so identifiers such as <c>$abc+def/ghi</c> are written
    /// as they are rather than as <c>\u002B</c> escapes (valid either way, but clients and logs read them verbatim).
    /// </summary>
    public static System.Text.Json.JsonWriterOptions JsonWriterOptions { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The content type of every response.</summary>
    public static string ContentType => "application/json";

    /// <summary>The response for <paramref name="error"/>; a 429 also carries <c>Retry-After</c> in whole seconds, rounded up.</summary>
    public static MatrixResponse FromError(MatrixError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<KeyValuePair<string, string>>? headers = null;
        if (error.RetryAfterMs is long ms)
        {
            long seconds = (Math.Max(0, ms) + 999) / 1000;
            headers = [new("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }

        return new MatrixResponse(error.StatusCode, error.ToJsonBytes(), headers);
    }
}
