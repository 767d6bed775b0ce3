using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Matrix.Receipts;

/// <summary>Helpers for hosts that serve their own Matrix routes next to the receipt routes (same auth, same error shape).</summary>
public static class MatrixHttpExtensions
{
    private const string BearerScheme = "Bearer";

    /// <summary>The access token of the request (<c>Authorization: Bearer</c>, or the deprecated <c>access_token</c> query parameter), or <see langword="null"/>.</summary>
    public static string? GetMatrixAccessToken(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StringValues authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            // An Authorization header that is not a bearer token means no usable token (401 M_MISSING_TOKEN), rather
            // than silently falling back to the query string.
            ReadOnlySpan<char> header = (authorization[0] ?? string.Empty).AsSpan().Trim();
            if (header.Length > BearerScheme.Length
                && header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
                && header[BearerScheme.Length] == ' ')
            {
                ReadOnlySpan<char> token = header[(BearerScheme.Length + 1)..].Trim();
                return token.IsEmpty ? null : token.ToString();
            }

            return null;
        }

        // Spec: "Using access tokens" — the query parameter is deprecated but still sent by older clients and bridges.
        StringValues query = request.Query["access_token"];
        return query.Count > 0 && !string.IsNullOrEmpty(query[0]) ? query[0] : null;
    }

    /// <summary>
    /// Resolves the request's user through the registered <see cref="IAccessTokenValidator"/>; on failure returns the
    /// Matrix error to answer with (401 <c>M_MISSING_TOKEN</c>/<c>M_UNKNOWN_TOKEN</c>, 403 <c>M_GUEST_ACCESS_FORBIDDEN</c> when <paramref name="allowGuests"/> is false).
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="IAccessTokenValidator"/> is registered.</exception>
    public static async ValueTask<(AuthenticatedUser? User, MatrixError? Error)> AuthenticateMatrixUserAsync(this HttpContext context, bool allowGuests = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        IAccessTokenValidator validator = context.RequestServices.GetService<IAccessTokenValidator>()
            ?? throw new InvalidOperationException(
                $"No {nameof(IAccessTokenValidator)} is registered. Register the homeserver's implementation, for example services.AddSingleton<{nameof(IAccessTokenValidator)}, MyTokens>().");

        return await validator
            .AuthenticateAsync(context.Request.GetMatrixAccessToken(), allowGuests, context.RequestAborted)
            .ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="response"/> (status, <c>application/json</c>, headers, body).</summary>
    /// <exception cref="InvalidOperationException">The response has already started.</exception>
    public static Task WriteMatrixResponseAsync(this HttpResponse httpResponse, MatrixResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpResponse);
        ArgumentNullException.ThrowIfNull(response);
        if (httpResponse.HasStarted)
        {
            throw new InvalidOperationException("The response has already started; a Matrix response cannot be written.");
        }

        httpResponse.StatusCode = response.StatusCode;
        httpResponse.ContentType = MatrixResponse.ContentType;
        foreach (KeyValuePair<string, string> header in response.Headers)
        {
            httpResponse.Headers[header.Key] = header.Value;
        }

        httpResponse.ContentLength = response.Body.Length;
        return response.Body.IsEmpty ? Task.CompletedTask : httpResponse.Body.WriteAsync(response.Body, cancellationToken).AsTask();
    }

    /// <summary>Writes <paramref name="error"/> as a Matrix error response.</summary>
    public static Task WriteMatrixErrorAsync(this HttpResponse httpResponse, MatrixError error, CancellationToken cancellationToken = default) =>
        httpResponse.WriteMatrixResponseAsync(MatrixResponse.FromError(error), cancellationToken);
}
