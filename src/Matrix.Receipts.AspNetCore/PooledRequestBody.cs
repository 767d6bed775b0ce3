using System.Buffers;

namespace Matrix.Receipts;

/// <summary>A request body read into a pooled buffer; return the buffer with <see cref="Dispose"/>.</summary>
internal sealed class PooledRequestBody : IDisposable
{
    private byte[]? _buffer;

    public PooledRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
