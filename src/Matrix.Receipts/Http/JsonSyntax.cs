using System.Text.Json;
using System.Text.Unicode;

namespace Matrix.Receipts;

/// <summary>
/// Strict RFC 8259 check of a request body without exceptions: UTF-8, grammar (so no NaN, Infinity, comments or
/// trailing commas), a nesting limit, paired <c>\u</c> surrogate escapes, and no duplicate keys at any depth.
/// Input it accepts is always readable by <see cref="Utf8JsonReader"/> without throwing.
/// </summary>
internal static class JsonSyntax
{
    private enum State
    {
        Value,
        Key,
        AfterValue,
    }

    /// <summary>Whether <paramref name="json"/> is one valid JSON document nested at most <paramref name="maxDepth"/> deep.</summary>
    public static bool IsValid(ReadOnlySpan<byte> json, int maxDepth) =>
        IsWellFormed(json, maxDepth) && HasNoDuplicateKeys(json, maxDepth);

    /// <summary>The reader options matching <see cref="IsValid"/>.</summary>
    public static JsonReaderOptions ReaderOptions(int maxDepth) => new() { MaxDepth = maxDepth };

    /// <summary>Whether the first significant byte opens an object (only meaningful for valid JSON).</summary>
    public static bool IsObject(ReadOnlySpan<byte> json)
    {
        int i = SkipWhitespace(json, 0);
        return i < json.Length && json[i] == (byte)'{';
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> json, int maxDepth)
    {
        if (maxDepth < 1 || !Utf8.IsValid(json))
        {
            return false;
        }

        // One flag per open container: true for an object, false for an array.
        Span<bool> isObject = maxDepth <= 1024 ? stackalloc bool[maxDepth] : new bool[maxDepth];
        int depth = 0;
        int i = SkipWhitespace(json, 0);
        State state = State.Value;
        while (true)
        {
            switch (state)
            {
                case State.Value:
                    if (i >= json.Length)
                    {
                        return false;
                    }

                    byte c = json[i];
                    if (c is (byte)'{' or (byte)'[')
                    {
                        if (depth == maxDepth)
                        {
                            return false;
                        }

                        bool opensObject = c == (byte)'{';
                        isObject[depth++] = opensObject;
                        i = SkipWhitespace(json, i + 1);
                        if (i < json.Length && json[i] == (opensObject ? (byte)'}' : (byte)']'))
                        {
                            depth--;
                            i++;
                            state = State.AfterValue;
                        }
                        else
                        {
                            state = opensObject ? State.Key : State.Value;
                        }

                        continue;
                    }

                    bool scalarOk = c switch
                    {
                        (byte)'"' => ScanString(json, ref i),
                        (byte)'t' => ScanLiteral(json, ref i, "true"u8),
                        (byte)'f' => ScanLiteral(json, ref i, "false"u8),
                        (byte)'n' => ScanLiteral(json, ref i, "null"u8),
                        _ => ScanNumber(json, ref i),
                    };
                    if (!scalarOk)
                    {
                        return false;
                    }

                    state = State.AfterValue;
                    continue;

                case State.Key:
                    if (i >= json.Length || json[i] != (byte)'"' || !ScanString(json, ref i))
                    {
                        return false;
                    }

                    i = SkipWhitespace(json, i);
                    if (i >= json.Length || json[i] != (byte)':')
                    {
                        return false;
                    }

                    i = SkipWhitespace(json, i + 1);
                    state = State.Value;
                    continue;

                default:
                    i = SkipWhitespace(json, i);
                    if (depth == 0)
                    {
                        // Anything after the document is trailing garbage.
                        return i == json.Length;
                    }

                    if (i >= json.Length)
                    {
                        return false;
                    }

                    bool inObject = isObject[depth - 1];
                    if (json[i] == (byte)',')
                    {
                        i = SkipWhitespace(json, i + 1);
                        state = inObject ? State.Key : State.Value;
                    }
                    else if (json[i] == (inObject ? (byte)'}' : (byte)']'))
                    {
                        depth--;
                        i++;
                    }
                    else
                    {
                        return false;
                    }

                    continue;
            }
        }
    }

    private static bool HasNoDuplicateKeys(ReadOnlySpan<byte> json, int maxDepth)
    {
        // Runs only on well-formed input, which the reader accepts without throwing; the catch keeps a disagreement
        // between the two from ever turning a client's body into a server error.
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions(maxDepth));
            List<HashSet<string>?>? keys = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        (keys ??= []).Add(null);
                        break;
                    case JsonTokenType.EndObject:
                        keys!.RemoveAt(keys.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        HashSet<string> seen = keys![^1] ??= new HashSet<string>(StringComparer.Ordinal);
                        if (!seen.Add(reader.GetString()!))
                        {
                            return false;
                        }

                        break;
                    default:
                        break;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    private static bool ScanLiteral(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!json[i..].StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    private static bool ScanNumber(ReadOnlySpan<byte> json, ref int i)
    {
        // number = [ "-" ] ( "0" / 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]
        if (json[i] == (byte)'-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return false;
        }

        if (json[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            SkipDigits(json, ref i);
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            i++;
            if (i >= json.Length || !IsDigit(json[i]))
            {
                return false;
            }

            SkipDigits(json, ref i);
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= json.Length || !IsDigit(json[i]))
            {
                return false;
            }

            SkipDigits(json, ref i);
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static void SkipDigits(ReadOnlySpan<byte> json, ref int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }
    }

    private static bool ScanString(ReadOnlySpan<byte> json, ref int i)
    {
        i++; // opening quote
        while (i < json.Length)
        {
            byte b = json[i];
            if (b == (byte)'"')
            {
                i++;
                return true;
            }

            if (b < 0x20)
            {
                return false;
            }

            if (b != (byte)'\\')
            {
                i++;
                continue;
            }

            if (i + 1 >= json.Length)
            {
                return false;
            }

            byte escape = json[i + 1];
            if (escape is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i += 2;
                continue;
            }

            if (escape != (byte)'u' || !TryReadHex4(json, i + 2, out int unit))
            {
                return false;
            }

            i += 6;
            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                // A low surrogate without its high surrogate is not a character.
                return false;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 1 >= json.Length || json[i] != (byte)'\\' || json[i + 1] != (byte)'u'
                    || !TryReadHex4(json, i + 2, out int low) || low is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }

                i += 6;
            }
        }

        return false;
    }

    private static bool TryReadHex4(ReadOnlySpan<byte> json, int start, out int value)
    {
        value = 0;
        if (start + 4 > json.Length)
        {
            return false;
        }

        for (int k = start; k < start + 4; k++)
        {
            byte b = json[k];
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }
}
