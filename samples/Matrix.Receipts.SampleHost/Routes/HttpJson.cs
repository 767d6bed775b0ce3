using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Matrix.Receipts.SampleHost;

/// <summary>Reading and writing the JSON of the sample's own routes, with the same limits and error shapes as the receipt routes.</summary>
internal static class HttpJson
{
    /// <summary>The largest request body the sample's routes accept (as the receipt routes' default).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Writes a 200 (or <paramref name="statusCode"/>) JSON response produced by <paramref name="write"/>.</summary>
    public static Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, MatrixResponse.JsonWriterOptions))
        {
            write(writer);
        }

        return context.Response.WriteMatrixResponseAsync(new MatrixResponse(statusCode, buffer.WrittenMemory), context.RequestAborted);
    }

    /// <summary>Writes a Matrix error.</summary>
    public static Task WriteErrorAsync(HttpContext context, MatrixError error) =>
        context.Response.WriteMatrixErrorAsync(error, context.RequestAborted);

    /// <summary>
    /// Reads the body as a JSON object: 413 <c>M_TOO_LARGE</c> above the limit, 400 <c>M_NOT_JSON</c> when it is not JSON,
    /// 400 <c>M_BAD_JSON</c> when it is not an object. The caller disposes the document.
    /// </summary>
    public static async Task<(JsonDocument? Document, MatrixError? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, MatrixError.TooLarge("The request body is too large"));
        }

        using var memory = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (memory.Length + read > MaxBodyBytes)
                {
                    return (null, MatrixError.TooLarge("The request body is too large"));
                }

                memory.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(memory.GetBuffer().AsMemory(0, (int)memory.Length), DocumentOptions);
        }
        catch (JsonException)
        {
            return (null, MatrixError.NotJson("Content not JSON."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, MatrixError.BadJson("Content must be a JSON object."));
        }

        return (document, null);
    }

    /// <summary>
    /// A path parameter. Kestrel decodes every escape except <c>%2F</c> (so a slash cannot split a route); decode it
    /// here so IDs with <c>/</c> (room v3+ event IDs) match.
    /// </summary>
    public static string RouteValue(HttpContext context, string name) =>
        (context.Request.RouteValues[name] as string ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
