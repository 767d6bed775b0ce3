using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>A Matrix room ID, <c>!opaque:server</c> or (room version 12) <c>!opaque</c>.</summary>
/// <remarks>Validated once at construction; compared ordinally (identifiers are case-sensitive and never normalised).</remarks>
[JsonConverter(typeof(IdentifierJsonConverter<RoomId>))]
public readonly struct RoomId : IEquatable<RoomId>, IComparable<RoomId>, ISpanParsable<RoomId>
{
    private readonly string? _value;

    private RoomId(string value) => _value = value;

    /// <summary>The identifier exactly as received.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the default (empty, invalid) value rather than a parsed identifier.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Parses <paramref name="value"/>, returning <see langword="false"/> when it breaks the grammar.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out RoomId result)
    {
        if (value is not null && IdentifierGrammar.IsValidRoomId(value))
        {
            result = new RoomId(value);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Parses <paramref name="value"/> or throws <see cref="FormatException"/>.</summary>
    public static RoomId Parse(string value) =>
        TryParse(value, out RoomId result) ? result : throw new FormatException($"'{value}' is not a valid room ID.");

    /// <inheritdoc />
    public static RoomId Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RoomId result) => TryParse(s, out result);

    /// <inheritdoc />
    public static RoomId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString());

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out RoomId result)
    {
        if (IdentifierGrammar.IsValidRoomId(s))
        {
            result = new RoomId(s.ToString());
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(RoomId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RoomId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(RoomId other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality by ordinal value.</summary>
    public static bool operator ==(RoomId left, RoomId right) => left.Equals(right);

    /// <summary>Inequality by ordinal value.</summary>
    public static bool operator !=(RoomId left, RoomId right) => !left.Equals(right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(RoomId left, RoomId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(RoomId left, RoomId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(RoomId left, RoomId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(RoomId left, RoomId right) => left.CompareTo(right) >= 0;
}
