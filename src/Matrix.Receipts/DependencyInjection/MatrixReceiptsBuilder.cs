namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddMatrixReceipts</c>; store packages add <c>Use*Store</c> extensions to it.</summary>
public sealed class MatrixReceiptsBuilder
{
    internal MatrixReceiptsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the module is registered in.</summary>
    public IServiceCollection Services { get; }
}
