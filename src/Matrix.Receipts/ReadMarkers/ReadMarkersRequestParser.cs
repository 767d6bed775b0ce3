using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>
/// Turns the path and body of <c>POST /rooms/{roomId}/read_markers</c> into a <see cref="ReadMarkersCommand"/>
/// (behaviour contract §5). Bad input is an error value, never an exception.
/// </summary>
internal sealed class ReadMarkersRequestParser
{
    private readonly IOptions<MatrixReceiptsOptions> _options;

    public ReadMarkersRequestParser(IOptions<MatrixReceiptsOptions> options) => _options = options;

    public bool TryParse(
        UserId user,
        string roomId,
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out ReadMarkersCommand? command,
        [NotNullWhen(false)] out MatrixError? error)
    {
        command = null;
        MatrixReceiptsOptions options = _options.Value;
        if (!RoomId.TryParse(roomId, out RoomId room))
        {
            error = MatrixError.InvalidParam("Invalid room ID");
            return false;
        }

        error = RequestBody.Check(body, options);
        if (error is not null)
        {
            return false;
        }

        if (body.IsEmpty)
        {
            command = new ReadMarkersCommand(user, room);
            return true;
        }

        Field fullyRead = default, read = default, readPrivate = default, allowBackward = default;
        var reader = new Utf8JsonReader(body, JsonSyntax.ReaderOptions(options.MaxJsonDepth));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int slot = reader.ValueTextEquals("m.fully_read"u8) ? 0
                : reader.ValueTextEquals("m.read"u8) ? 1
                : reader.ValueTextEquals("m.read.private"u8) ? 2
                : reader.ValueTextEquals("com.beeper.allow_backward"u8) ? 3
                : -1;
            reader.Read();
            var field = new Field(true, reader.TokenType, reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
            switch (slot)
            {
                case 0:
                    fullyRead = field;
                    break;
                case 1:
                    read = field;
                    break;
                case 2:
                    readPrivate = field;
                    break;
                case 3:
                    allowBackward = field;
                    break;
                default:
                    // Unknown keys are ignored and never stored.
                    break;
            }

            reader.Skip();
        }

        if (!TryReadEventId(fullyRead, "m.fully_read", out EventId? fullyReadId, out error)
            || !TryReadEventId(read, "m.read", out EventId? readId, out error)
            || !TryReadEventId(readPrivate, "m.read.private", out EventId? readPrivateId, out error))
        {
            return false;
        }

        // MSC4446: the key means something only when the host opted in; otherwise it is an unknown key like any other.
        bool backward = false;
        if (options.AllowBackwardFullyReadMarker && allowBackward.Present)
        {
            if (allowBackward.Token is not (JsonTokenType.True or JsonTokenType.False))
            {
                error = MatrixError.InvalidParam("com.beeper.allow_backward must be a boolean");
                return false;
            }

            backward = allowBackward.Token == JsonTokenType.True;
        }

        command = new ReadMarkersCommand(user, room, fullyReadId, readId, readPrivateId, backward);
        return true;
    }

    private static bool TryReadEventId(Field field, string key, out EventId? eventId, [NotNullWhen(false)] out MatrixError? error)
    {
        eventId = null;
        error = null;

        // Absent, null and "" all mean "not set" (clients send "" to leave a marker alone).
        if (!field.Present || field.Token == JsonTokenType.Null || (field.Token == JsonTokenType.String && field.Text!.Length == 0))
        {
            return true;
        }

        if (field.Token != JsonTokenType.String)
        {
            error = MatrixError.InvalidParam($"{key} must be an event ID string");
            return false;
        }

        if (!EventId.TryParse(field.Text, out EventId parsed))
        {
            error = MatrixError.InvalidParam($"{key} is not a valid event ID");
            return false;
        }

        eventId = parsed;
        return true;
    }

    private readonly record struct Field(bool Present, JsonTokenType Token, string? Text);
}
