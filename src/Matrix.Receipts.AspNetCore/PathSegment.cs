namespace Matrix.Receipts;

/// <summary>One path segment of the raw request target.</summary>
/// <param name="Value">The segment decoded once, or its raw text when <paramref name="IsMalformed"/>.</param>
/// <param name="IsMalformed">Whether the segment has a malformed escape or does not decode to UTF-8.</param>
internal readonly record struct PathSegment(string Value, bool IsMalformed);
