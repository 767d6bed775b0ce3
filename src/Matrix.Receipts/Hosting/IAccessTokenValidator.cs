namespace Matrix.Receipts;

/// <summary>Implemented by the homeserver: resolves an access token to its user.</summary>
public interface IAccessTokenValidator
{
    /// <summary>Returns the token's user, or <see langword="null"/> when the token is unknown (401 <c>M_UNKNOWN_TOKEN</c>).</summary>
    ValueTask<AuthenticatedUser?> ValidateAsync(string accessToken, CancellationToken cancellationToken = default);
}
