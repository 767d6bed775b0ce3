using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the receipt routes.</summary>
public static class MatrixReceiptsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/receipt/{receiptType}/{eventId}</c> and
    /// <c>POST /_matrix/client/{v3,r0}/rooms/{roomId}/read_markers</c>. Requires <c>AddMatrixReceipts</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapMatrixReceipts(this IEndpointRouteBuilder endpoints) =>
        throw new NotImplementedException();
}
