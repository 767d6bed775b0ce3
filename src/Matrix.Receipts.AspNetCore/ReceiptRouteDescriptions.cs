using System.Reflection;

namespace Matrix.Receipts;

/// <summary>
/// Signatures that describe the routes' path parameters to API explorers (OpenAPI). Never called; the routes are served
/// by <see cref="ReceiptRequestHandler"/>, which reads the raw path and body itself. The body is left undescribed on
/// purpose: describing it means accepts-metadata, which would make routing refuse bodies sent without a JSON content
/// type, and clients (curl, bridges) send those.
/// </summary>
internal static class ReceiptRouteDescriptions
{
    public static MethodInfo For(ReceiptRoute route) => route.IsReadMarkers
        ? ((Func<string, Task>)SetReadMarker).Method
        : ((Func<string, string, string, Task>)PostReceipt).Method;

    private static Task PostReceipt(string roomId, string receiptType, string eventId) => Task.CompletedTask;

    private static Task SetReadMarker(string roomId) => Task.CompletedTask;
}
