namespace Matrix.Receipts;

/// <summary>A request in host-neutral form, for homeservers on any HTTP stack.</summary>
/// <param name="Method">The HTTP method, for example <c>POST</c>.</param>
/// <param name="PathSegments">
/// The path segments after <c>/_matrix/client/</c>, each percent-decoded exactly once, for example
/// <c>["v3", "rooms", "!a:example.org", "receipt", "m.read", "$e/1"]</c>.
/// </param>
/// <param name="Body">The request body bytes (empty when there is none).</param>
/// <param name="User">The authenticated user, or <see langword="null"/> when the request carried no access token.</param>
public sealed record MatrixRequest(string Method, IReadOnlyList<string> PathSegments, ReadOnlyMemory<byte> Body, AuthenticatedUser? User);
