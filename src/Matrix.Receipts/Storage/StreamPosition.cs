using System.Globalization;

namespace Matrix.Receipts;

/// <summary>
/// A position in the receipts stream. Every accepted change gets a new, strictly greater position;
/// sync tokens are stream positions. Receipts and read markers of one store share one stream.
/// </summary>
/// <param name="Value">The position; 0 is "before everything".</param>
public readonly record struct StreamPosition(long Value) : IComparable<StreamPosition>
{
    /// <summary>The position before any change.</summary>
    public static StreamPosition Zero => default;

    /// <inheritdoc />
    public int CompareTo(StreamPosition other) => Value.CompareTo(other.Value);

    /// <summary>Ordering.</summary>
    public static bool operator <(StreamPosition left, StreamPosition right) => left.Value < right.Value;

    /// <summary>Ordering.</summary>
    public static bool operator >(StreamPosition left, StreamPosition right) => left.Value > right.Value;

    /// <summary>Ordering.</summary>
    public static bool operator <=(StreamPosition left, StreamPosition right) => left.Value <= right.Value;

    /// <summary>Ordering.</summary>
    public static bool operator >=(StreamPosition left, StreamPosition right) => left.Value >= right.Value;

    /// <summary>The larger of two positions.</summary>
    public static StreamPosition Max(StreamPosition left, StreamPosition right) => left >= right ? left : right;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
