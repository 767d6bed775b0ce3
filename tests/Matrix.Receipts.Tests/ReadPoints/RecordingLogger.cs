using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using LogEventId = Microsoft.Extensions.Logging.EventId;

namespace Matrix.Receipts.Tests.ReadPoints;

/// <summary>Keeps every log entry written to it.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, LogEventId EventId, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, LogEventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, exception));
}
