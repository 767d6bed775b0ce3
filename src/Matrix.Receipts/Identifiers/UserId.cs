using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>A Matrix user ID, <c>@localpart:server</c>.</summary>
/// <remarks>Validated once at construction; compared ordinally (identifiers are case-sensitive and never normalised).</remarks>
[JsonConverter(typeof(IdentifierJsonConverter<UserId>))]
public readonly struct UserId : IEquatable<UserId>, IComparable<UserId>, ISpanParsable<UserId>
{
    private readonly string? _value;

    private UserId(string value) => _value = value;

    /// <summary>The identifier exactly as received.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The part between <c>@</c> and the first <c>:</c>.</summary>
    public string Localpart => Value.Length == 0 ? string.Empty : Value[1..Value.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The server the user belongs to.</summary>
    public ServerName ServerName => ServerName.Parse(Value[(Value.IndexOf(':', StringComparison.Ordinal) + 1)..]);

    /// <summary>Whether this is the default (empty, invalid) value rather than a parsed identifier.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Parses <paramref name="value"/>, returning <see langword="false"/> when it breaks the grammar.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out UserId result)
    {
        if (value is not null && IdentifierGrammar.IsValidUserId(value))
        {
            result = new UserId(value);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Parses <paramref name="value"/> or throws <see cref="FormatException"/>.</summary>
    public static UserId Parse(string value) =>
        TryParse(value, out UserId result) ? result : throw new FormatException($"'{value}' is not a valid user ID.");

    /// <inheritdoc />
    public static UserId Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out UserId result) => TryParse(s, out result);

    /// <inheritdoc />
    public static UserId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString());

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out UserId result)
    {
        if (IdentifierGrammar.IsValidUserId(s))
        {
            result = new UserId(s.ToString());
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(UserId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UserId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(UserId other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality by ordinal value.</summary>
    public static bool operator ==(UserId left, UserId right) => left.Equals(right);

    /// <summary>Inequality by ordinal value.</summary>
    public static bool operator !=(UserId left, UserId right) => !left.Equals(right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(UserId left, UserId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(UserId left, UserId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(UserId left, UserId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(UserId left, UserId right) => left.CompareTo(right) >= 0;
}
