using System.Diagnostics.CodeAnalysis;

namespace Matrix.Receipts;

/// <summary>The <c>thread_id</c> of a receipt: unthreaded, <c>main</c>, or a thread root event ID (spec v1.4 threaded receipts).</summary>
public readonly struct ThreadId : IEquatable<ThreadId>
{
    /// <summary>The wire value of the main timeline.</summary>
    public const string MainValue = "main";

    private readonly EventId _root;

    private ThreadId(ThreadKind kind, EventId root)
    {
        Kind = kind;
        _root = root;
    }

    /// <summary>No thread: the receipt applies to the whole room.</summary>
    public static ThreadId Unthreaded => default;

    /// <summary>The main timeline.</summary>
    public static ThreadId Main { get; } = new(ThreadKind.Main, default);

    /// <summary>Which kind of thread this is.</summary>
    public ThreadKind Kind { get; }

    /// <summary>The thread root, when <see cref="Kind"/> is <see cref="ThreadKind.Thread"/>.</summary>
    public EventId? Root => Kind == ThreadKind.Thread ? _root : null;

    /// <summary>Whether this is the unthreaded value.</summary>
    public bool IsUnthreaded => Kind == ThreadKind.Unthreaded;

    /// <summary>The thread rooted at <paramref name="root"/>.</summary>
    public static ThreadId Thread(EventId root)
    {
        if (root.IsDefault)
        {
            throw new ArgumentException("A thread root must be a parsed event ID.", nameof(root));
        }

        return new ThreadId(ThreadKind.Thread, root);
    }

    /// <summary>Parses a non-empty <c>thread_id</c> value: <c>main</c> or a valid event ID.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ThreadId threadId)
    {
        if (value == MainValue)
        {
            threadId = Main;
            return true;
        }

        if (EventId.TryParse(value, out EventId root))
        {
            threadId = new ThreadId(ThreadKind.Thread, root);
            return true;
        }

        threadId = default;
        return false;
    }

    /// <summary>The <c>thread_id</c> wire value, or <see langword="null"/> for an unthreaded receipt.</summary>
    public string? ToWireValue() => Kind switch
    {
        ThreadKind.Main => MainValue,
        ThreadKind.Thread => _root.Value,
        _ => null,
    };

    /// <summary>Parses a stored wire value (<see langword="null"/> for unthreaded); throws on a malformed value.</summary>
    public static ThreadId FromWireValue(string? value) =>
        value is null ? Unthreaded : TryParse(value, out ThreadId id) ? id : throw new FormatException($"'{value}' is not a valid thread_id.");

    /// <inheritdoc />
    public bool Equals(ThreadId other) => Kind == other.Kind && _root == other._root;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ThreadId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _root);

    /// <inheritdoc />
    public override string ToString() => ToWireValue() ?? "(unthreaded)";

    /// <summary>Equality.</summary>
    public static bool operator ==(ThreadId left, ThreadId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ThreadId left, ThreadId right) => !left.Equals(right);
}
