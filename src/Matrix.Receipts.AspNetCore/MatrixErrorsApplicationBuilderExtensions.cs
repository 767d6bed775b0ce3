using Matrix.Receipts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Matrix-shaped errors for everything under <c>/_matrix</c>.</summary>
public static class MatrixErrorsApplicationBuilderExtensions
{
    /// <summary>
    /// Makes every error under <c>/_matrix</c> a Matrix error (<c>{"errcode": ..., "error": ...}</c>, <c>application/json</c>):
    /// an unknown path answers 404 <c>M_UNRECOGNIZED</c>, a known path with the wrong method 405 <c>M_UNRECOGNIZED</c>, an
    /// unhandled exception 500 <c>M_UNKNOWN</c> (logged) instead of an HTML or ProblemDetails page, and other bodiless
    /// error statuses (401, 403, 413, 429) get the matching <c>errcode</c>. Other paths pass through untouched.
    /// </summary>
    /// <remarks>
    /// Call it early (before authentication, rate limiting and the endpoints) so it sees their answers. The routes of
    /// <c>MapMatrixReceipts</c> are Matrix-shaped without it; it is for unknown paths and the host's own Matrix routes.
    /// </remarks>
    public static IApplicationBuilder UseMatrixErrors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Microsoft.Extensions.Logging.ILogger logger = Log.For(app.ApplicationServices);
        return app.Use(next => new MatrixErrorsMiddleware(next, logger).InvokeAsync);
    }
}
