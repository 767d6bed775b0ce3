namespace Matrix.Receipts;

/// <summary>The shape of one mapped route: its literal segments, and where its parameters sit.</summary>
internal sealed class ReceiptRoute
{
    private ReceiptRoute(string?[] template, bool isReadMarkers)
    {
        Template = template;
        IsReadMarkers = isReadMarkers;
    }

    /// <summary>The path segments from <c>_matrix</c> on; <see langword="null"/> for a parameter.</summary>
    public string?[] Template { get; }

    /// <summary>Whether this is <c>/read_markers</c> rather than <c>/receipt</c>.</summary>
    public bool IsReadMarkers { get; }

    /// <summary>The route pattern below the <c>/_matrix/client</c> group.</summary>
    public string Pattern => IsReadMarkers
        ? $"{Template[2]}/rooms/{{roomId}}/read_markers"
        : $"{Template[2]}/rooms/{{roomId}}/receipt/{{receiptType}}/{{eventId}}";

    public static ReceiptRoute Receipt(string version) =>
        new(["_matrix", "client", version, "rooms", null, "receipt", null, null], isReadMarkers: false);

    public static ReceiptRoute ReadMarkers(string version) =>
        new(["_matrix", "client", version, "rooms", null, "read_markers"], isReadMarkers: true);
}
