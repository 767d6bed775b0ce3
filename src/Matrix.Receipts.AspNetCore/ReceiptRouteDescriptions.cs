using System.Reflection;

namespace Matrix.Receipts;

/// <summary>
/// Signatures that describe the routes to API explorers (OpenAPI): their path parameters and JSON body, as in the spec.
/// Never called; the routes are served by <see cref="ReceiptRequestHandler"/>, which reads the raw path and body itself.
/// </summary>
internal static class ReceiptRouteDescriptions
{
    public static MethodInfo For(ReceiptRoute route) => route.IsReadMarkers
        ? ((Func<string, ReadMarkersRequestBody?, Task>)SetReadMarker).Method
        : ((Func<string, string, string, ReceiptRequestBody?, Task>)PostReceipt).Method;

    private static Task PostReceipt(string roomId, string receiptType, string eventId, ReceiptRequestBody? body) => Task.CompletedTask;

    private static Task SetReadMarker(string roomId, ReadMarkersRequestBody? body) => Task.CompletedTask;
}
