using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>Serves one mapped receipt route: reads the path and body, and hands them to <see cref="MatrixReceiptsEndpoint"/>.</summary>
internal static class ReceiptRequestHandler
{
    public static RequestDelegate For(ReceiptRoute route) => context => HandleAsync(context, route);

    /// <summary>
    /// A known receipt path with a method other than POST: 405 <c>M_UNRECOGNIZED</c> (spec: "Unsupported endpoints").
    /// OPTIONS answers 204 without running any endpoint logic (spec: "Web browser clients"); CORS headers are the
    /// host's <c>UseCors</c>, which answers preflights before this runs.
    /// </summary>
    public static RequestDelegate WrongMethodFor(ReceiptRoute route) => context => WrongMethodAsync(context, route);

    private static Task WrongMethodAsync(HttpContext context, ReceiptRoute route)
    {
        // The same path rules as POST: a path that is not this route's (case, trailing '/') is unknown, whatever the method.
        if (ReadParameters(context, route) is null)
        {
            return context.Response.WriteMatrixErrorAsync(MatrixError.UnrecognizedPath(), context.RequestAborted);
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.Allow = "OPTIONS, POST";
            return Task.CompletedTask;
        }

        context.Response.Headers.Allow = "POST";
        return context.Response.WriteMatrixErrorAsync(MatrixError.UnrecognizedMethod(), context.RequestAborted);
    }

    private static async Task HandleAsync(HttpContext context, ReceiptRoute route)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        string[]? parameters = ReadParameters(context, route);
        if (parameters is null)
        {
            await context.Response.WriteMatrixErrorAsync(MatrixError.UnrecognizedPath(), cancellationToken).ConfigureAwait(false);
            return;
        }

        IServiceProvider services = context.RequestServices;
        MatrixReceiptsEndpoint endpoint = services.GetRequiredService<MatrixReceiptsEndpoint>();
        int maxBodyBytes = services.GetService<IOptions<MatrixReceiptsOptions>>()?.Value.MaxBodyBytes ?? new MatrixReceiptsOptions().MaxBodyBytes;

        // Nothing past the limit is read; the core answers 413 for an oversized body at check 5.
        (PooledRequestBody? body, MatrixError? bodyError) = await RequestBodyReader.ReadAsync(context.Request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (bodyError is not null)
        {
            await context.Response.WriteMatrixErrorAsync(bodyError, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            return;
        }

        using (body)
        {
            string? accessToken = context.Request.GetMatrixAccessToken();
            MatrixResponse response;
            try
            {
                response = route.IsReadMarkers
                    ? await endpoint.PostReadMarkersAsync(accessToken, parameters[0], body.Memory, cancellationToken).ConfigureAwait(false)
                    : await endpoint.PostReceiptAsync(accessToken, parameters[0], parameters[1], parameters[2], body.Memory, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A failing host hook or store: the client still gets a Matrix-shaped answer, never an HTML page.
                Log.UnhandledException(Log.For(services), ex, context.Request.Method, context.Request.Path.ToString());
                response = MatrixResponse.FromError(MatrixError.Internal());
            }

            await context.Response.WriteMatrixResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The route parameters (room ID, then receipt type and event ID), each percent-decoded exactly once from the raw
    /// target; <see langword="null"/> when a literal segment differs only in case or the path ends in '/' (Matrix paths are
    /// exact, while ASP.NET Core routing is not).
    /// </summary>
    private static string[]? ReadParameters(HttpContext context, ReceiptRoute route)
    {
        // ASP.NET Core routing ignores a trailing '/', Matrix paths do not: ".../$event/" is not the receipt path.
        if (context.Request.Path.Value is { Length: > 1 } path && path[^1] == '/')
        {
            return null;
        }

        string?[] template = route.Template;
        List<PathSegment>? segments = RawRequestPath.ReadSegments(context);
        if (segments is not null && segments.Count >= template.Length)
        {
            int offset = segments.Count - template.Length;
            bool exact = true;
            bool caseOnly = true;
            for (int i = 0; i < template.Length; i++)
            {
                if (template[i] is string literal)
                {
                    PathSegment segment = segments[offset + i];
                    exact &= !segment.IsMalformed && string.Equals(segment.Value, literal, StringComparison.Ordinal);
                    caseOnly &= !segment.IsMalformed && string.Equals(segment.Value, literal, StringComparison.OrdinalIgnoreCase);
                }
            }

            if (exact)
            {
                var parameters = new List<string>(3);
                for (int i = 0; i < template.Length; i++)
                {
                    if (template[i] is null)
                    {
                        PathSegment segment = segments[offset + i];

                        // A malformed escape is handed on in a form no identifier or receipt type accepts, so the core
                        // refuses it with 400 M_INVALID_PARAM after authentication and rate limiting, like any bad ID.
                        parameters.Add(segment.IsMalformed ? "\0" + segment.Value : segment.Value);
                    }
                }

                return [.. parameters];
            }

            if (caseOnly)
            {
                return null;
            }
        }

        // The raw target does not end in this route: the path was rewritten in the pipeline, so the routed path is the truth.
        RouteValueDictionary values = context.Request.RouteValues;
        return route.IsReadMarkers
            ? [Value(values, "roomId")]
            : [Value(values, "roomId"), Value(values, "receiptType"), Value(values, "eventId")];
    }

    private static string Value(RouteValueDictionary values, string key) => values.TryGetValue(key, out object? value) ? value?.ToString() ?? string.Empty : string.Empty;
}
