using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matrix.Receipts;

internal sealed class ReceiptTypeJsonConverter : JsonConverter<ReceiptType>
{
    public override ReceiptType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? ReceiptType.FromString(reader.GetString()!)
            : throw new JsonException("Expected a string for a receipt type.");

    public override void Write(Utf8JsonWriter writer, ReceiptType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override ReceiptType ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReceiptType.FromString(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ReceiptType value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
