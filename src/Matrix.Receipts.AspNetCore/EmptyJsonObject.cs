namespace Matrix.Receipts;

/// <summary>The OpenAPI schema of a successful answer: the empty JSON object <c>{}</c>.</summary>
internal sealed class EmptyJsonObject;
