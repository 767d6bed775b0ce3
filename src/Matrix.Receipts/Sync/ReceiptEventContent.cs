using System.Text.Json;

namespace Matrix.Receipts;

/// <summary>
/// The content of an <c>m.receipt</c> ephemeral event: event ID → receipt type → user ID → <see cref="ReceiptData"/>.
/// </summary>
public sealed class ReceiptEventContent
{
    private readonly Dictionary<EventId, Dictionary<ReceiptType, Dictionary<UserId, ReceiptData>>> _events = [];

    /// <summary>The content, by event, receipt type and user.</summary>
    public IReadOnlyDictionary<EventId, Dictionary<ReceiptType, Dictionary<UserId, ReceiptData>>> Events => _events;

    /// <summary>Whether there is nothing to show.</summary>
    public bool IsEmpty => _events.Count == 0;

    /// <summary>Sets the entry of (<paramref name="eventId"/>, <paramref name="type"/>, <paramref name="userId"/>).</summary>
    public void Set(EventId eventId, ReceiptType type, UserId userId, ReceiptData data)
    {
        if (!_events.TryGetValue(eventId, out Dictionary<ReceiptType, Dictionary<UserId, ReceiptData>>? byType))
        {
            byType = [];
            _events.Add(eventId, byType);
        }

        if (!byType.TryGetValue(type, out Dictionary<UserId, ReceiptData>? byUser))
        {
            byUser = [];
            byType.Add(type, byUser);
        }

        byUser[userId] = data;
    }

    /// <summary>Writes the content object (without the surrounding event).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach ((EventId eventId, Dictionary<ReceiptType, Dictionary<UserId, ReceiptData>> byType) in _events)
        {
            writer.WriteStartObject(eventId.Value);
            foreach ((ReceiptType type, Dictionary<UserId, ReceiptData> byUser) in byType)
            {
                writer.WriteStartObject(type.Value);
                foreach ((UserId userId, ReceiptData data) in byUser)
                {
                    writer.WriteStartObject(userId.Value);
                    writer.WriteNumber("ts"u8, data.Timestamp);
                    if (data.Thread.ToWireValue() is string threadId)
                    {
                        writer.WriteString("thread_id"u8, threadId);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the whole ephemeral event <c>{"type": "m.receipt", "content": {...}}</c> (no <c>room_id</c>).</summary>
    public void WriteEventTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "m.receipt"u8);
        writer.WritePropertyName("content"u8);
        WriteTo(writer);
        writer.WriteEndObject();
    }
}
