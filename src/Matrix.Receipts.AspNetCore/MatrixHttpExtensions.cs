using Microsoft.AspNetCore.Http;

namespace Matrix.Receipts;

/// <summary>Helpers for hosts that serve their own Matrix routes next to the receipt routes (same auth, same error shape).</summary>
public static class MatrixHttpExtensions
{
    /// <summary>The access token of the request (<c>Authorization: Bearer</c>, or the deprecated <c>access_token</c> query parameter), or <see langword="null"/>.</summary>
    public static string? GetMatrixAccessToken(this HttpRequest request) => throw new NotImplementedException();

    /// <summary>
    /// Resolves the request's user through the registered <see cref="IAccessTokenValidator"/>; on failure returns the
    /// Matrix error to answer with (401 <c>M_MISSING_TOKEN</c>/<c>M_UNKNOWN_TOKEN</c>, 403 <c>M_GUEST_ACCESS_FORBIDDEN</c> when <paramref name="allowGuests"/> is false).
    /// </summary>
    public static ValueTask<(AuthenticatedUser? User, MatrixError? Error)> AuthenticateMatrixUserAsync(this HttpContext context, bool allowGuests = false) =>
        throw new NotImplementedException();

    /// <summary>Writes <paramref name="response"/> (status, <c>application/json</c>, headers, body).</summary>
    public static Task WriteMatrixResponseAsync(this HttpResponse httpResponse, MatrixResponse response, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Writes <paramref name="error"/> as a Matrix error response.</summary>
    public static Task WriteMatrixErrorAsync(this HttpResponse httpResponse, MatrixError error, CancellationToken cancellationToken = default) =>
        httpResponse.WriteMatrixResponseAsync(MatrixResponse.FromError(error), cancellationToken);
}
