using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>A Matrix server name: a hostname, IPv4 address or bracketed IPv6 literal with an optional port.</summary>
/// <remarks>Validated once at construction; compared ordinally (identifiers are case-sensitive and never normalised).</remarks>
[JsonConverter(typeof(IdentifierJsonConverter<ServerName>))]
public readonly struct ServerName : IEquatable<ServerName>, IComparable<ServerName>, ISpanParsable<ServerName>
{
    private readonly string? _value;

    private ServerName(string value) => _value = value;

    /// <summary>The identifier exactly as received.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the default (empty, invalid) value rather than a parsed identifier.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Parses <paramref name="value"/>, returning <see langword="false"/> when it breaks the grammar.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ServerName result)
    {
        if (value is not null && IdentifierGrammar.IsValidServerName(value))
        {
            result = new ServerName(value);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Parses <paramref name="value"/> or throws <see cref="FormatException"/>.</summary>
    public static ServerName Parse(string value) =>
        TryParse(value, out ServerName result) ? result : throw new FormatException($"'{value}' is not a valid server name.");

    /// <inheritdoc />
    public static ServerName Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ServerName result) => TryParse(s, out result);

    /// <inheritdoc />
    public static ServerName Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString());

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ServerName result)
    {
        if (IdentifierGrammar.IsValidServerName(s))
        {
            result = new ServerName(s.ToString());
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(ServerName other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ServerName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(ServerName other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality by ordinal value.</summary>
    public static bool operator ==(ServerName left, ServerName right) => left.Equals(right);

    /// <summary>Inequality by ordinal value.</summary>
    public static bool operator !=(ServerName left, ServerName right) => !left.Equals(right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(ServerName left, ServerName right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(ServerName left, ServerName right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(ServerName left, ServerName right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(ServerName left, ServerName right) => left.CompareTo(right) >= 0;
}
