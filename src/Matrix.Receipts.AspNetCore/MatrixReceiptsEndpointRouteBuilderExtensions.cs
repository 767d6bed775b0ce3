using Matrix.Receipts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the receipt routes.</summary>
public static class MatrixReceiptsEndpointRouteBuilderExtensions
{
    /// <summary>The OpenAPI tag of the routes, as in the spec.</summary>
    private const string Tag = "Room participation";

    /// <summary>
    /// Maps <c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/receipt/{receiptType}/{eventId}</c> and
    /// <c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/read_markers</c>. Requires <c>AddMatrixReceipts</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Path segments are percent-decoded exactly once from the raw request target (<c>%2F</c> in an event ID is a
    /// <c>/</c>, <c>%252F</c> stays <c>%2F</c>; a malformed escape is refused with 400 <c>M_INVALID_PARAM</c>). Bodies are
    /// read up to <see cref="MatrixReceiptsOptions.MaxBodyBytes"/> and never further; a larger one (also when
    /// <c>Content-Length</c> announces it) answers 413 <c>M_TOO_LARGE</c> in its place in the check order, after
    /// authentication, rate limit and identifiers. Any content type is accepted. The access token comes from
    /// <c>Authorization: Bearer</c> or the deprecated <c>access_token</c> query parameter.
    /// </para>
    /// <para>
    /// Every answer of these routes is Matrix-shaped: other methods on the same paths answer 405 <c>M_UNRECOGNIZED</c>
    /// (OPTIONS answers 204; CORS headers come from the host's <c>UseCors</c>), and an exception from a host hook or store
    /// answers 500 <c>M_UNKNOWN</c>. For unknown paths and the host's own routes under <c>/_matrix</c>, add
    /// <see cref="MatrixErrorsApplicationBuilderExtensions.UseMatrixErrors"/>.
    /// </para>
    /// <para>
    /// The returned builder covers every mapped route, so <c>RequireAuthorization</c>, <c>RequireRateLimiting</c>,
    /// <c>RequireCors</c> or <c>WithMetadata</c> apply to all of them. The v3 routes are named <c>postReceipt</c> and
    /// <c>setReadMarker</c> (the spec's operation IDs) and tagged "Room participation"; the deprecated r0 routes are
    /// named with an <c>_r0</c> suffix and left out of API descriptions.
    /// </para>
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>AddMatrixReceipts</c> was not called.</exception>
    public static IEndpointConventionBuilder MapMatrixReceipts(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!IsRegistered(endpoints.ServiceProvider))
        {
            throw new InvalidOperationException(
                $"Unable to find the {nameof(MatrixReceiptsEndpoint)} service. Add the receipts module by calling "
                + "'services.AddMatrixReceipts()' in the application's service configuration before calling 'MapMatrixReceipts()'.");
        }

        RouteGroupBuilder group = endpoints.MapGroup("/_matrix/client");
        foreach (string version in (ReadOnlySpan<string>)["v3", "r0"])
        {
            bool current = version == "v3";
            Map(group, ReceiptRoute.Receipt(version), current ? "postReceipt" : "postReceipt_r0", current, "Send a receipt for the given event ID.");
            Map(group, ReceiptRoute.ReadMarkers(version), current ? "setReadMarker" : "setReadMarker_r0", current, "Set the position of the read marker for a room.");
        }

        return group;
    }

    private static bool IsRegistered(IServiceProvider services) =>
        services.GetService<IServiceProviderIsService>() is IServiceProviderIsService isService
            ? isService.IsService(typeof(MatrixReceiptsEndpoint))
            : services.GetService<MatrixReceiptsEndpoint>() is not null;

    private static void Map(RouteGroupBuilder group, ReceiptRoute route, string name, bool described, string summary)
    {
        IEndpointConventionBuilder post = group.MapPost(route.Pattern, ReceiptRequestHandler.For(route))
            .WithName(name)
            .WithTags(Tag)
            .WithSummary(summary)
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(EmptyJsonObject), [MatrixResponse.ContentType]),
                Error(StatusCodes.Status400BadRequest),
                Error(StatusCodes.Status401Unauthorized),
                Error(StatusCodes.Status403Forbidden),
                Error(StatusCodes.Status404NotFound),
                Error(StatusCodes.Status413PayloadTooLarge),
                Error(StatusCodes.Status429TooManyRequests));

        // API explorers describe only endpoints that carry a handler MethodInfo, and take parameters and body from it;
        // a RequestDelegate endpoint has none, so the host's OpenAPI document would leave these routes out.
        System.Reflection.MethodInfo description = ReceiptRouteDescriptions.For(route);
        post.WithMetadata(description);
        foreach (System.Reflection.ParameterInfo parameter in description.GetParameters())
        {
            post.WithMetadata(new RouteParameterBinding(parameter));
        }
        if (!described)
        {
            post.ExcludeFromDescription();
        }

        // Any other method on the same path: 405 M_UNRECOGNIZED. The later order lets POST win when both match.
        group.Map(route.Pattern, ReceiptRequestHandler.WrongMethodFor(route))
            .ExcludeFromDescription()
            .Add(static builder =>
            {
                if (builder is RouteEndpointBuilder routeBuilder)
                {
                    routeBuilder.Order = 1;
                }
            });
    }

    private static ProducesResponseTypeMetadata Error(int statusCode) =>
        new(statusCode, typeof(MatrixErrorBody), [MatrixResponse.ContentType]);
}
