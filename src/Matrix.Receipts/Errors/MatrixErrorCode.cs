namespace Matrix.Receipts;

/// <summary>The <c>errcode</c> values this library answers with (spec: "Standard error response").</summary>
public static class MatrixErrorCode
{
    /// <summary>No access token was given.</summary>
    public const string MissingToken = "M_MISSING_TOKEN";

    /// <summary>The access token is not recognised.</summary>
    public const string UnknownToken = "M_UNKNOWN_TOKEN";

    /// <summary>Guests may not use this endpoint.</summary>
    public const string GuestAccessForbidden = "M_GUEST_ACCESS_FORBIDDEN";

    /// <summary>Too many requests.</summary>
    public const string LimitExceeded = "M_LIMIT_EXCEEDED";

    /// <summary>A parameter was malformed.</summary>
    public const string InvalidParam = "M_INVALID_PARAM";

    /// <summary>The request body is too large.</summary>
    public const string TooLarge = "M_TOO_LARGE";

    /// <summary>The request body is not valid JSON.</summary>
    public const string NotJson = "M_NOT_JSON";

    /// <summary>The JSON is valid but not of the expected shape.</summary>
    public const string BadJson = "M_BAD_JSON";

    /// <summary>The resource was not found.</summary>
    public const string NotFound = "M_NOT_FOUND";

    /// <summary>The user may not do this.</summary>
    public const string Forbidden = "M_FORBIDDEN";

    /// <summary>The server does not know this endpoint (or method).</summary>
    public const string Unrecognized = "M_UNRECOGNIZED";

    /// <summary>The server failed; never sent for anything a client can send.</summary>
    public const string Unknown = "M_UNKNOWN";
}
