using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Matrix.Receipts;

/// <summary>
/// Percent-decodes one path segment exactly once (spec: identifiers in paths are percent-encoded once, so <c>%2F</c> in
/// a room version 3+ event ID is a <c>/</c> and <c>%252F</c> is the three characters <c>%2F</c>).
/// </summary>
internal static class PathSegmentDecoder
{
    /// <summary>
    /// Decodes <paramref name="raw"/>; returns <see langword="false"/> for a malformed escape, a non-ASCII raw character
    /// or bytes that are not valid UTF-8.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> raw, out string decoded)
    {
        if (raw.IndexOf('%') < 0)
        {
            decoded = raw.ToString();
            return Ascii.IsValid(raw);
        }

        byte[]? rented = null;
        Span<byte> bytes = raw.Length <= 512 ? stackalloc byte[raw.Length] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            int length = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c == '%')
                {
                    if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                    {
                        decoded = string.Empty;
                        return false;
                    }

                    bytes[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                    i += 2;
                }
                else if (c < 0x80)
                {
                    bytes[length++] = (byte)c;
                }
                else
                {
                    decoded = string.Empty;
                    return false;
                }
            }

            return TryUtf8ToString(bytes[..length], out decoded);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TryUtf8ToString(ReadOnlySpan<byte> utf8, out string decoded)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            OperationStatus status = Utf8.ToUtf16(utf8, chars, out _, out int written, replaceInvalidSequences: false);
            decoded = status == OperationStatus.Done ? new string(chars, 0, written) : string.Empty;
            return status == OperationStatus.Done;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
