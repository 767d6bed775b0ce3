using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>
/// Turns the path segments and body of <c>POST /receipt/{receiptType}/{eventId}</c> into a <see cref="ReceiptCommand"/>,
/// running behaviour contract §2 checks 3–10 in order. Bad input is an error value, never an exception.
/// </summary>
internal sealed class ReceiptRequestParser
{
    private readonly IOptions<MatrixReceiptsOptions> _options;

    public ReceiptRequestParser(IOptions<MatrixReceiptsOptions> options) => _options = options;

    public bool TryParse(
        UserId user,
        string roomId,
        string receiptType,
        string eventId,
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out ReceiptCommand? command,
        [NotNullWhen(false)] out MatrixError? error)
    {
        command = null;
        MatrixReceiptsOptions options = _options.Value;

        // 3: identifiers.
        if (!RoomId.TryParse(roomId, out RoomId room))
        {
            error = MatrixError.InvalidParam("Invalid room ID");
            return false;
        }

        if (!EventId.TryParse(eventId, out EventId evt))
        {
            error = MatrixError.InvalidParam("Invalid event ID");
            return false;
        }

        // 4: receipt type, exact and case-sensitive.
        ReceiptType type = ReceiptType.FromString(receiptType ?? string.Empty);
        if (!type.IsKnown)
        {
            error = MatrixError.InvalidParam("Receipt type must be m.read, m.read.private or m.fully_read");
            return false;
        }

        // 5–7: size, JSON, object.
        error = RequestBody.Check(body, options);
        if (error is not null)
        {
            return false;
        }

        ThreadId thread = ThreadId.Unthreaded;
        if (!body.IsEmpty)
        {
            error = ReadThreadId(body, options.MaxJsonDepth, type, out thread);
            if (error is not null)
            {
                return false;
            }
        }

        command = new ReceiptCommand(user, room, type, evt, thread);
        return true;
    }

    private static MatrixError? ReadThreadId(ReadOnlySpan<byte> body, int maxDepth, ReceiptType type, out ThreadId thread)
    {
        thread = ThreadId.Unthreaded;
        bool present = false;
        string? value = null;

        // The body passed RequestBody.Check, so the reader cannot throw. Unknown keys (and a client "ts") are skipped.
        var reader = new Utf8JsonReader(body, JsonSyntax.ReaderOptions(maxDepth));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isThreadId = reader.ValueTextEquals("thread_id"u8);
            reader.Read();
            if (isThreadId)
            {
                present = true;
                value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        if (!present)
        {
            return null;
        }

        // 8: null, numbers, "", arrays and objects all fail the same way.
        if (string.IsNullOrEmpty(value))
        {
            return MatrixError.InvalidParam("thread_id field must be a non-empty string");
        }

        // 9: the fully-read marker is per room, never per thread.
        if (type == ReceiptType.FullyRead)
        {
            return MatrixError.InvalidParam("thread_id is not allowed with m.fully_read");
        }

        // 10.
        return ThreadId.TryParse(value, out thread)
            ? null
            : MatrixError.InvalidParam("thread_id must be 'main' or a valid event ID");
    }
}
