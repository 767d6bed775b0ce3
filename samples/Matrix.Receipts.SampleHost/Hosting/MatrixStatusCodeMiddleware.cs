using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// Gives routing's bare answers a Matrix shape: under <c>/_matrix</c> an unknown path is 404 <c>M_UNRECOGNIZED</c>, a known
/// path with the wrong method 405 <c>M_UNRECOGNIZED</c>, and an unexpected failure 500 <c>M_UNKNOWN</c> (never HTML).
/// </summary>
internal sealed partial class MatrixStatusCodeMiddleware(RequestDelegate next, ILogger<MatrixStatusCodeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await context.Response.WriteMatrixErrorAsync(new MatrixError(StatusCodes.Status500InternalServerError, MatrixErrorCode.Unknown, "Internal server error"));
            return;
        }

        if (context.Response.HasStarted || context.Response.ContentLength is not null || context.Response.ContentType is not null
            || !context.Request.Path.StartsWithSegments("/_matrix", StringComparison.Ordinal))
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status404NotFound)
        {
            await context.Response.WriteMatrixErrorAsync(MatrixError.UnrecognizedPath(), context.RequestAborted);
        }
        else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await context.Response.WriteMatrixErrorAsync(MatrixError.UnrecognizedMethod(), context.RequestAborted);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
