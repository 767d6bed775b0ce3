namespace Matrix.Receipts;

/// <summary>
/// The receipt routes in host-neutral form: access token, raw path segments and body bytes in, status and JSON bytes
/// out. Runs every check of the behaviour contract in order (authentication, rate limit, identifiers, body, host
/// lookups, store). The ASP.NET Core adapter is a thin layer over this; a homeserver on another HTTP stack calls it directly.
/// </summary>
public sealed class MatrixReceiptsEndpoint
{
    /// <summary>
    /// <c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/receipt/{receiptType}/{eventId}</c>; the string arguments are the
    /// path segments, each percent-decoded exactly once.
    /// </summary>
    public ValueTask<MatrixResponse> PostReceiptAsync(
        string? accessToken,
        string roomId,
        string receiptType,
        string eventId,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary><c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/read_markers</c>.</summary>
    public ValueTask<MatrixResponse> PostReadMarkersAsync(
        string? accessToken,
        string roomId,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Routes <paramref name="request"/> by method and path; unknown paths answer 404 and wrong methods 405 <c>M_UNRECOGNIZED</c>.</summary>
    public ValueTask<MatrixResponse> HandleAsync(MatrixRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
