using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>A Matrix event ID, <c>$opaque</c> (room version 3+) or <c>$opaque:server</c>.</summary>
/// <remarks>Validated once at construction; compared ordinally (identifiers are case-sensitive and never normalised).</remarks>
[JsonConverter(typeof(IdentifierJsonConverter<EventId>))]
public readonly struct EventId : IEquatable<EventId>, IComparable<EventId>, ISpanParsable<EventId>
{
    private readonly string? _value;

    private EventId(string value) => _value = value;

    /// <summary>The identifier exactly as received.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the default (empty, invalid) value rather than a parsed identifier.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Parses <paramref name="value"/>, returning <see langword="false"/> when it breaks the grammar.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out EventId result)
    {
        if (value is not null && IdentifierGrammar.IsValidEventId(value))
        {
            result = new EventId(value);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Parses <paramref name="value"/> or throws <see cref="FormatException"/>.</summary>
    public static EventId Parse(string value) =>
        TryParse(value, out EventId result) ? result : throw new FormatException($"'{value}' is not a valid event ID.");

    /// <inheritdoc />
    public static EventId Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EventId result) => TryParse(s, out result);

    /// <inheritdoc />
    public static EventId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString());

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out EventId result)
    {
        if (IdentifierGrammar.IsValidEventId(s))
        {
            result = new EventId(s.ToString());
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(EventId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(EventId other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality by ordinal value.</summary>
    public static bool operator ==(EventId left, EventId right) => left.Equals(right);

    /// <summary>Inequality by ordinal value.</summary>
    public static bool operator !=(EventId left, EventId right) => !left.Equals(right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(EventId left, EventId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(EventId left, EventId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(EventId left, EventId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(EventId left, EventId right) => left.CompareTo(right) >= 0;
}
