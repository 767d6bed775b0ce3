using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>
/// A receipt type as it appears in the path of <c>POST /receipt/{receiptType}/{eventId}</c>.
/// A "string enum": the well-known values are statics, and any other string is kept so callers can reject it.
/// </summary>
[JsonConverter(typeof(ReceiptTypeJsonConverter))]
public readonly struct ReceiptType : IEquatable<ReceiptType>
{
    private readonly string? _value;

    /// <summary>Creates a receipt type from its wire string (known or not).</summary>
    public ReceiptType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary><c>m.read</c>: a public read receipt, shared with the room and over federation.</summary>
    public static ReceiptType Read { get; } = new("m.read");

    /// <summary><c>m.read.private</c>: a read receipt only its owner ever sees (spec v1.4).</summary>
    public static ReceiptType ReadPrivate { get; } = new("m.read.private");

    /// <summary><c>m.fully_read</c>: the fully-read marker, stored as room account data, never in <c>m.receipt</c>.</summary>
    public static ReceiptType FullyRead { get; } = new("m.fully_read");

    /// <summary>The wire string.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the three types the receipt route accepts (exact, case-sensitive).</summary>
    public bool IsKnown => this == Read || this == ReadPrivate || this == FullyRead;

    /// <summary>Whether this type is a read receipt stored in the receipt store (<c>m.read</c> or <c>m.read.private</c>).</summary>
    public bool IsReadReceipt => this == Read || this == ReadPrivate;

    /// <summary>Returns the known instance for <paramref name="value"/>, or a new one holding the unknown string.</summary>
    public static ReceiptType FromString(string value) => value switch
    {
        "m.read" => Read,
        "m.read.private" => ReadPrivate,
        "m.fully_read" => FullyRead,
        _ => new ReceiptType(value),
    };

    /// <inheritdoc />
    public bool Equals(ReceiptType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReceiptType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality by wire string.</summary>
    public static bool operator ==(ReceiptType left, ReceiptType right) => left.Equals(right);

    /// <summary>Inequality by wire string.</summary>
    public static bool operator !=(ReceiptType left, ReceiptType right) => !left.Equals(right);
}
