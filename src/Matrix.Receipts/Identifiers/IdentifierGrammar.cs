using System.Text;

namespace Matrix.Receipts;

/// <summary>The identifier grammar of the Matrix spec (appendices, "Identifier grammar"), checked once at the edge.</summary>
internal static class IdentifierGrammar
{
    /// <summary>Room, user and event IDs are limited to 255 bytes of UTF-8 (spec: "Common identifier format").</summary>
    public const int MaxIdentifierBytes = 255;

    public static bool IsValidServerName(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxIdentifierBytes)
        {
            return false;
        }

        ReadOnlySpan<char> host = value;
        if (value[0] == '[')
        {
            int close = value.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            if (!IsValidIPv6Literal(value[1..close]))
            {
                return false;
            }

            ReadOnlySpan<char> rest = value[(close + 1)..];
            return rest.IsEmpty || (rest[0] == ':' && IsValidPort(rest[1..]));
        }

        int colon = value.IndexOf(':');
        if (colon >= 0)
        {
            host = value[..colon];
            if (!IsValidPort(value[(colon + 1)..]))
            {
                return false;
            }
        }

        // Hostname or IPv4 dotted quad: both are made of letters, digits, '-' and '.'.
        if (host.IsEmpty)
        {
            return false;
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidIPv6Literal(ReadOnlySpan<char> value)
    {
        // Spec grammar: IPv6char = DIGIT / %x41-46 / %x61-66 / ":" / "."; 2 to 45 characters.
        if (value.Length < 2 || value.Length > 45)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidPort(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > 5)
        {
            return false;
        }

        int port = 0;
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port is >= 1 and <= 65535;
    }

    /// <summary>Checks the shared rules of sigil identifiers: sigil, no NUL, the byte limit.</summary>
    public static bool HasSigilAndFits(ReadOnlySpan<char> value, char sigil)
    {
        if (value.Length < 2 || value[0] != sigil)
        {
            return false;
        }

        if (value.Contains('\0'))
        {
            return false;
        }

        // Fast path: every UTF-16 unit encodes to at most 3 UTF-8 bytes.
        return value.Length * 3 <= MaxIdentifierBytes || Encoding.UTF8.GetByteCount(value) <= MaxIdentifierBytes;
    }

    public static bool IsValidUserId(ReadOnlySpan<char> value)
    {
        if (!HasSigilAndFits(value, '@'))
        {
            return false;
        }

        int colon = value.IndexOf(':');
        // The localpart is everything up to the first ':' and must not be empty.
        return colon > 1 && IsValidServerName(value[(colon + 1)..]);
    }

    public static bool IsValidRoomId(ReadOnlySpan<char> value)
    {
        if (!HasSigilAndFits(value, '!'))
        {
            return false;
        }

        int colon = value.IndexOf(':');
        if (colon < 0)
        {
            // Room version 12 (MSC4291): room IDs carry no server part.
            return true;
        }

        return colon > 1 && IsValidServerName(value[(colon + 1)..]);
    }

    public static bool IsValidEventId(ReadOnlySpan<char> value)
    {
        if (!HasSigilAndFits(value, '$'))
        {
            return false;
        }

        int colon = value.IndexOf(':');
        if (colon < 0)
        {
            // Room version 3+: '$' + unpadded (URL-safe or standard) base64, which may contain '/' and '+'.
            return true;
        }

        return colon > 1 && IsValidServerName(value[(colon + 1)..]);
    }
}
