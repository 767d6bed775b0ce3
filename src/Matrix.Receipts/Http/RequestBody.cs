namespace Matrix.Receipts;

/// <summary>The body checks shared by both routes (behaviour contract §2 checks 5–7).</summary>
internal static class RequestBody
{
    /// <summary>
    /// Checks size, JSON validity and object shape; <see langword="null"/> when the body may be read as an object
    /// (an empty body counts as <c>{}</c> unless <see cref="MatrixReceiptsOptions.RequireJsonBody"/>).
    /// </summary>
    public static MatrixError? Check(ReadOnlySpan<byte> body, MatrixReceiptsOptions options)
    {
        if (body.Length > options.MaxBodyBytes)
        {
            return MatrixError.TooLarge("Request body is too large");
        }

        if (body.IsEmpty)
        {
            // Bridges and older clients post receipts without a body; Synapse refuses them, hence the option.
            return options.RequireJsonBody ? MatrixError.NotJson("Content not JSON.") : null;
        }

        if (!JsonSyntax.IsValid(body, options.MaxJsonDepth))
        {
            return MatrixError.NotJson("Content not JSON.");
        }

        return JsonSyntax.IsObject(body) ? null : MatrixError.BadJson("Request body must be a JSON object");
    }
}
