using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Matrix.Receipts;

/// <summary>Reads a request body up to the configured limit, without buffering anything beyond it.</summary>
internal static class RequestBodyReader
{
    private const int InitialBufferBytes = 4096;

    /// <summary>
    /// Reads the body of <paramref name="request"/> into a pooled buffer. A body over <paramref name="maxBytes"/> (also
    /// one whose <c>Content-Length</c> announces it, which is then not read at all) comes back as
    /// <paramref name="maxBytes"/> + 1 zero bytes, so the core answers 413 <c>M_TOO_LARGE</c> at its place in the check
    /// order (after authentication, rate limit and identifiers). Returns an error for a body the server could not read
    /// (broken chunked framing), and neither when the client went away.
    /// </summary>
    public static async ValueTask<(PooledRequestBody? Body, MatrixError? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        maxBytes = Math.Clamp(maxBytes, 0, Array.MaxLength - 1);
        if (request.ContentLength is long declared && declared > maxBytes)
        {
            return (Oversized(maxBytes), null);
        }

        // One byte past the limit is enough to know a body without Content-Length (chunked) is too large.
        int capacity = maxBytes + 1;
        int initial = request.ContentLength is long known ? (int)known + 1 : Math.Min(InitialBufferBytes, capacity);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initial, capacity));
        int length = 0;
        try
        {
            while (true)
            {
                int room = Math.Min(buffer.Length, capacity) - length;
                if (room == 0)
                {
                    if (length >= capacity)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (Oversized(maxBytes), null);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, capacity));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    continue;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (new PooledRequestBody(buffer, length), null);
                }

                length += read;
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel refuses malformed framing (bad chunk sizes, a body shorter than Content-Length, a too-slow upload).
            ArrayPool<byte>.Shared.Return(buffer);
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (Oversized(maxBytes), null)
                : (null, MatrixError.NotJson("The request body could not be read"));
        }
        catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The client went away mid-upload; there is no one to answer.
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, null);
        }
    }

    private static PooledRequestBody Oversized(int maxBytes)
    {
        // Zeroed, so no byte of an earlier request that used this pooled array can ever be parsed as this one's body.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        Array.Clear(buffer, 0, maxBytes + 1);
        return new PooledRequestBody(buffer, maxBytes + 1);
    }
}
