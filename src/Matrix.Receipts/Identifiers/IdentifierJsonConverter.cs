using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matrix.Receipts;

/// <summary>Reads and writes an identifier as a JSON string; a malformed value is a <see cref="JsonException"/>.</summary>
internal sealed class IdentifierJsonConverter<T> : JsonConverter<T>
    where T : struct, ISpanParsable<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}.");
        }

        string? text = reader.GetString();
        return T.TryParse(text, provider: null, out T value) ? value : throw new JsonException($"'{text}' is not a valid {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        return T.TryParse(text, provider: null, out T value) ? value : throw new JsonException($"'{text}' is not a valid {typeof(T).Name}.");
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString()!);
}
