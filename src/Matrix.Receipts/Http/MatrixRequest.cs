namespace Matrix.Receipts;

/// <summary>A request in host-neutral form, for homeservers on any HTTP stack.</summary>
/// <param name="Method">The HTTP method, for example <c>POST</c>.</param>
/// <param name="PathSegments">
/// The path segments after <c>/_matrix/client/</c>, each percent-decoded exactly once, for example
/// <c>["v3", "rooms", "!a:example.org", "receipt", "m.read", "$e/1"]</c>.
/// </param>
/// <param name="Body">The request body bytes (empty when there is none).</param>
/// <param name="AccessToken">The access token (from <c>Authorization: Bearer</c>), or <see langword="null"/> when none was sent.</param>
public sealed record MatrixRequest(string Method, IReadOnlyList<string> PathSegments, ReadOnlyMemory<byte> Body, string? AccessToken);
