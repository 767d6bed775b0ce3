using Microsoft.Extensions.Logging;

namespace Matrix.Receipts;

/// <summary>
/// The receipt routes in host-neutral form: access token, raw path segments and body bytes in, status and JSON bytes
/// out. Runs every check of the behaviour contract in order (authentication, rate limit, identifiers, body, host
/// lookups, store). The ASP.NET Core adapter is a thin layer over this; a homeserver on another HTTP stack calls it directly.
/// </summary>
public sealed class MatrixReceiptsEndpoint
{
    private readonly IAccessTokenValidator _tokens;
    private readonly UserRateLimiter _rateLimiter;
    private readonly ReceiptRequestParser _receiptParser;
    private readonly ReadMarkersRequestParser _readMarkersParser;
    private readonly ReceiptService _receipts;
    private readonly ReadMarkerService _readMarkers;
    private readonly ILogger _logger;

    internal MatrixReceiptsEndpoint(
        IAccessTokenValidator tokens,
        UserRateLimiter rateLimiter,
        ReceiptRequestParser receiptParser,
        ReadMarkersRequestParser readMarkersParser,
        ReceiptService receipts,
        ReadMarkerService readMarkers,
        ILogger<MatrixReceiptsEndpoint> logger)
    {
        _tokens = tokens;
        _rateLimiter = rateLimiter;
        _receiptParser = receiptParser;
        _readMarkersParser = readMarkersParser;
        _receipts = receipts;
        _readMarkers = readMarkers;
        _logger = logger;
    }

    /// <summary>
    /// <c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/receipt/{receiptType}/{eventId}</c>; the string arguments are the
    /// path segments, each percent-decoded exactly once.
    /// </summary>
    public async ValueTask<MatrixResponse> PostReceiptAsync(
        string? accessToken,
        string roomId,
        string receiptType,
        string eventId,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        (AuthenticatedUser? user, MatrixError? error) = await AuthenticateAsync(accessToken, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return Refuse(error!);
        }

        if (!_receiptParser.TryParse(user.UserId, roomId, receiptType, eventId, body.Span, out ReceiptCommand? command, out error))
        {
            return Refuse(error);
        }

        error = await _receipts.ApplyAsync(command, cancellationToken).ConfigureAwait(false);
        return error is null ? MatrixResponse.Ok : Refuse(error);
    }

    /// <summary><c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/read_markers</c>.</summary>
    public async ValueTask<MatrixResponse> PostReadMarkersAsync(
        string? accessToken,
        string roomId,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        (AuthenticatedUser? user, MatrixError? error) = await AuthenticateAsync(accessToken, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return Refuse(error!);
        }

        if (!_readMarkersParser.TryParse(user.UserId, roomId, body.Span, out ReadMarkersCommand? command, out error))
        {
            return Refuse(error);
        }

        error = await _readMarkers.ApplyAsync(command, cancellationToken).ConfigureAwait(false);
        return error is null ? MatrixResponse.Ok : Refuse(error);
    }

    /// <summary>Routes <paramref name="request"/> by method and path; unknown paths answer 404 and wrong methods 405 <c>M_UNRECOGNIZED</c>.</summary>
    public ValueTask<MatrixResponse> HandleAsync(MatrixRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string> path = request.PathSegments;
        bool isRoomPath = path is { Count: >= 4 }
            && path[0] is "v3" or "r0"
            && string.Equals(path[1], "rooms", StringComparison.Ordinal);
        bool isReceipt = isRoomPath && path.Count == 6 && string.Equals(path[3], "receipt", StringComparison.Ordinal);
        bool isReadMarkers = isRoomPath && path.Count == 4 && string.Equals(path[3], "read_markers", StringComparison.Ordinal);
        if (!isReceipt && !isReadMarkers)
        {
            return ValueTask.FromResult(MatrixResponse.FromError(MatrixError.UnrecognizedPath()));
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult(MatrixResponse.FromError(MatrixError.UnrecognizedMethod()));
        }

        return isReceipt
            ? PostReceiptAsync(request.AccessToken, path[2], path[4], path[5], request.Body, cancellationToken)
            : PostReadMarkersAsync(request.AccessToken, path[2], request.Body, cancellationToken);
    }

    private async ValueTask<(AuthenticatedUser? User, MatrixError? Error)> AuthenticateAsync(string? accessToken, CancellationToken cancellationToken)
    {
        // Check 1: who is asking (guests may not send receipts).
        (AuthenticatedUser? user, MatrixError? error) = await _tokens.AuthenticateAsync(accessToken, allowGuests: false, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, error);
        }

        // Check 2: the per-user rate limit, before any parsing or lookup.
        MatrixError? limited = _rateLimiter.TryAcquire(user.UserId);
        if (limited is not null)
        {
            Log.RateLimited(_logger, user.UserId.Value, limited.RetryAfterMs ?? 0);
            return (null, limited);
        }

        return (user, null);
    }

    private MatrixResponse Refuse(MatrixError error)
    {
        Log.RequestRefused(_logger, error.StatusCode, error.ErrorCode, error.Message);
        return MatrixResponse.FromError(error);
    }
}
