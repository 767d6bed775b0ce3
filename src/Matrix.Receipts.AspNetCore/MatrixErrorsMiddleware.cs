using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Matrix.Receipts;

/// <summary>
/// Gives every response under <c>/_matrix</c> the Matrix error shape (spec: "Standard error response"): unhandled
/// exceptions become 500 <c>M_UNKNOWN</c>, and bare error statuses from routing or other middleware (404, 405, 401, 429,
/// 413, ...) get a JSON body with the matching <c>errcode</c>.
/// </summary>
internal sealed class MatrixErrorsMiddleware
{
    private static readonly PathString MatrixPrefix = new("/_matrix");

    private readonly RequestDelegate _next;
    private readonly ILogger _logger;

    public MatrixErrorsMiddleware(RequestDelegate next, ILogger logger)
    {
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments(MatrixPrefix, StringComparison.Ordinal) ? InvokeMatrixAsync(context) : _next(context);

    private async Task InvokeMatrixAsync(HttpContext context)
    {
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            if (context.Response.HasStarted)
            {
                Log.ExceptionAfterResponseStarted(_logger, ex, context.Request.Method, context.Request.Path.ToString());
                throw;
            }

            context.Response.Clear();
            MatrixError error;
            if (ex is BadHttpRequestException badRequest)
            {
                // The server refused what the client sent (body too large, broken framing): a 4xx, never a 500.
                context.Response.StatusCode = badRequest.StatusCode;
                error = MatrixStatusErrors.For(context);
            }
            else
            {
                Log.UnhandledException(_logger, ex, context.Request.Method, context.Request.Path.ToString());
                error = MatrixError.Internal();
            }

            await context.Response.WriteMatrixErrorAsync(error, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        HttpResponse response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentType is null && (response.ContentLength ?? 0) == 0)
        {
            await response.WriteMatrixErrorAsync(MatrixStatusErrors.For(context), context.RequestAborted).ConfigureAwait(false);
        }
    }
}
