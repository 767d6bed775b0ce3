namespace Matrix.Receipts;

/// <summary>Options of the receipts module; validated when the host starts.</summary>
public sealed class MatrixReceiptsOptions
{
    /// <summary>The largest request body accepted, in bytes (413 <c>M_TOO_LARGE</c> above). Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The deepest JSON nesting accepted in a request body (400 <c>M_NOT_JSON</c> above). Default 64.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>
    /// When <see langword="true"/>, an empty body (on <c>/receipt</c> and <c>/read_markers</c>) is refused with 400 <c>M_NOT_JSON</c>
    /// (as Synapse does). Default <see langword="false"/>: an empty body is treated as <c>{}</c>, because bridges and older clients send none.
    /// </summary>
    public bool RequireJsonBody { get; set; }

    /// <summary>
    /// When <see langword="true"/>, the corrected spec thread rule applies: a thread root and its non-thread relations
    /// belong to <c>main</c> only. Default <see langword="false"/>: Synapse's rule, which Complement expects.
    /// </summary>
    public bool StrictThreadRule { get; set; }

    /// <summary>
    /// MSC4446: when <see langword="true"/>, <c>"com.beeper.allow_backward": true</c> in a <c>/read_markers</c> body lets the
    /// fully-read marker move backward. Default <see langword="false"/>: the key is ignored.
    /// </summary>
    public bool AllowBackwardFullyReadMarker { get; set; }

    /// <summary>
    /// Per-user rate limit for both routes, in requests per second (a token bucket with a burst of the same size);
    /// <see langword="null"/> (the default) turns it off. Over the limit: 429 <c>M_LIMIT_EXCEEDED</c> with <c>retry_after_ms</c>
    /// and <c>Retry-After</c>, and nothing is stored.
    /// </summary>
    public int? RateLimitPerSecond { get; set; }
}
