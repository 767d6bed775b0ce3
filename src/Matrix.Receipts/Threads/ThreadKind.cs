namespace Matrix.Receipts;

/// <summary>Which timeline a receipt applies to.</summary>
public enum ThreadKind
{
    /// <summary>No <c>thread_id</c>: the receipt covers the whole room (the default).</summary>
    Unthreaded = 0,

    /// <summary><c>thread_id: "main"</c>: the main timeline, outside every thread.</summary>
    Main = 1,

    /// <summary><c>thread_id: "$root"</c>: the thread rooted at that event.</summary>
    Thread = 2,
}
