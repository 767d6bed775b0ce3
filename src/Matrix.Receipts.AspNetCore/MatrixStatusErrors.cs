using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Matrix.Receipts;

/// <summary>The Matrix error for a bare status code that some other part of the pipeline set without a body.</summary>
internal static class MatrixStatusErrors
{
    public static MatrixError For(HttpContext context)
    {
        int status = context.Response.StatusCode;
        return status switch
        {
            // No endpoint: an unknown path. An endpoint that answered a bare 404 found no such resource.
            StatusCodes.Status404NotFound => context.GetEndpoint() is null ? MatrixError.UnrecognizedPath() : MatrixError.NotFound("Not found"),
            StatusCodes.Status405MethodNotAllowed => MatrixError.UnrecognizedMethod(),
            StatusCodes.Status401Unauthorized => context.Request.GetMatrixAccessToken() is null ? MatrixError.MissingToken() : MatrixError.UnknownToken(),
            StatusCodes.Status403Forbidden => MatrixError.Forbidden("Forbidden"),
            StatusCodes.Status413PayloadTooLarge => MatrixError.TooLarge("The request body is too large"),
            StatusCodes.Status429TooManyRequests => MatrixError.LimitExceeded(RetryAfterMs(context.Response)),
            StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status400BadRequest => new MatrixError(status, MatrixErrorCode.Unknown, "Bad request"),
            >= 500 => new MatrixError(status, MatrixErrorCode.Unknown, "Internal server error"),
            _ => new MatrixError(status, MatrixErrorCode.Unknown, "Request failed"),
        };
    }

    /// <summary>429s from ASP.NET Core's rate limiter carry at most a <c>Retry-After</c> header, in seconds.</summary>
    private static long RetryAfterMs(HttpResponse response) =>
        long.TryParse(response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds < long.MaxValue / 1000
            ? seconds * 1000
            : 1000;
}
