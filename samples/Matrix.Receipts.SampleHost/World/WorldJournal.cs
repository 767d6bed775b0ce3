using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// The world's changes since the fixture (events sent, joins, leaves) as an append-only JSON-lines file in the data
/// folder. Receipts in the SQLite store keep the stream orderings of their events; replaying this file on top of the
/// same fixture gives every event its ID, ordering, relation and body again, so those receipts stay comparable.
/// </summary>
internal sealed class WorldJournal : IDisposable
{
    /// <summary>The file name of the journal in the data folder.</summary>
    public const string FileName = "world.jsonl";

    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new();

    private WorldJournal(FileStream file) => _file = file;

    /// <summary>
    /// Replays the journal at <paramref name="path"/> (if any) into <paramref name="world"/>, then attaches it so later
    /// changes are appended. On a line that does not replay returns <see langword="false"/> with a message naming it.
    /// </summary>
    public static bool TryOpen(string path, SampleWorld world, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorldJournal? journal, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        journal = null;
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            byte[] content = new byte[file.Length];
            file.ReadExactly(content);
            int start = 0;
            int lineNumber = 0;
            while (start < content.Length)
            {
                int newline = Array.IndexOf(content, (byte)'\n', start);
                if (newline < 0)
                {
                    // A line without its newline was cut by a crash while being written: its change was never applied
                    // or answered, so it is dropped (and cut off, so the next line does not join it).
                    file.SetLength(start);
                    break;
                }

                lineNumber++;
                string? problem = Replay(world, content.AsSpan(start, newline - start));
                if (problem is not null)
                {
                    error = $"cannot replay the world journal '{path}' line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {problem}";
                    file.Dispose();
                    return false;
                }

                start = newline + 1;
            }

            file.Seek(0, SeekOrigin.End);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        journal = new WorldJournal(file);
        world.AttachJournal(journal);
        error = null;
        return true;
    }

    /// <summary>Appends one change and flushes it to disk before returning (the caller answers the request after).</summary>
    public void Append(WorldJournalEntry entry)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            JsonSerializer.Serialize(writer, entry, WorldJournalJsonContext.Default.WorldJournalEntry);
        }

        _buffer.Write("\n"u8);

        // One write per line, so a crash leaves at most one partial last line, which replay drops.
        _file.Write(_buffer.WrittenSpan);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();

    private static string? Replay(SampleWorld world, ReadOnlySpan<byte> line)
    {
        WorldJournalEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(line, WorldJournalJsonContext.Default.WorldJournalEntry);
        }
        catch (JsonException e)
        {
            return "not a valid journal line: " + e.Message;
        }

        return entry is null ? "not a valid journal line: null" : world.Apply(entry);
    }
}
