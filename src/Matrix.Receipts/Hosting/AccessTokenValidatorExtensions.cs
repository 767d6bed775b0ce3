namespace Matrix.Receipts;

/// <summary>The Matrix authentication rules over a host's <see cref="IAccessTokenValidator"/>, shared by every route.</summary>
public static class AccessTokenValidatorExtensions
{
    /// <summary>
    /// Resolves <paramref name="accessToken"/> to its user, or returns the Matrix error to answer with:
    /// 401 <c>M_MISSING_TOKEN</c> (none), 401 <c>M_UNKNOWN_TOKEN</c> (not recognised), or 403
    /// <c>M_GUEST_ACCESS_FORBIDDEN</c> for a guest when <paramref name="allowGuests"/> is false.
    /// </summary>
    public static async ValueTask<(AuthenticatedUser? User, MatrixError? Error)> AuthenticateAsync(
        this IAccessTokenValidator validator,
        string? accessToken,
        bool allowGuests = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (string.IsNullOrEmpty(accessToken))
        {
            return (null, MatrixError.MissingToken());
        }

        AuthenticatedUser? user = await validator.ValidateAsync(accessToken, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, MatrixError.UnknownToken());
        }

        return user.IsGuest && !allowGuests ? (null, MatrixError.GuestAccessForbidden()) : (user, null);
    }
}
