using Matrix.Receipts;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the receipts module.</summary>
public static class MatrixReceiptsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the receipts module with the in-memory store (replace it with <c>UseSqliteStore</c> or <c>UsePostgreSqlStore</c>).
    /// The host must also register an <see cref="IHomeserverRooms"/> (and, for the HTTP adapter, an <see cref="IAccessTokenValidator"/>).
    /// </summary>
    public static MatrixReceiptsBuilder AddMatrixReceipts(this IServiceCollection services, Action<MatrixReceiptsOptions>? configure = null) =>
        throw new NotImplementedException();
}
