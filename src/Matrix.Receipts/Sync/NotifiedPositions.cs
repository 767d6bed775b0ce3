namespace Matrix.Receipts;

/// <summary>
/// Which stream positions the change index has been told about: every position up to <see cref="Watermark"/>, and later
/// ones that arrived ahead of a missing one (a write whose notification is still on its way: another instance's
/// <c>NOTIFY</c>, or a concurrent writer that has not reached its listener yet). A sync trusts the index only up to
/// the watermark and asks the store about every room beyond it, so a change is never lost to that race.
/// Not thread-safe: the tracker calls it under its lock.
/// </summary>
internal sealed class NotifiedPositions(TimeProvider time, TimeSpan gapTolerance)
{
    // Position → when it arrived. A gap before a position that has been known for gapTolerance is taken as a position
    // that will never be notified (a store that skips numbers, or a lost notification), so the index is not bypassed forever.
    private readonly SortedDictionary<long, long> _ahead = [];
    private bool _started;

    /// <summary>Every position up to this one has been notified (or given up on).</summary>
    public long Watermark { get; private set; }

    /// <summary>Sets the start: positions up to the store position at start-up predate the index.</summary>
    public void Start(long position)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        Watermark = position;
        Advance(giveUpOnGaps: false);
    }

    public void Add(long position)
    {
        if (_started && position <= Watermark)
        {
            return;
        }

        _ahead.TryAdd(position, time.GetTimestamp());
        if (_started)
        {
            Advance(giveUpOnGaps: false);
        }
    }

    /// <summary>Whether every position up to <paramref name="upTo"/> is known to the index.</summary>
    public bool Covers(long upTo)
    {
        if (Watermark >= upTo)
        {
            return true;
        }

        Advance(giveUpOnGaps: true);
        return Watermark >= upTo;
    }

    private void Advance(bool giveUpOnGaps)
    {
        while (_ahead.Count > 0)
        {
            (long position, long arrivedAt) = _ahead.First();
            if (position <= Watermark)
            {
                _ahead.Remove(position);
                continue;
            }

            if (position != Watermark + 1 && !(giveUpOnGaps && time.GetElapsedTime(arrivedAt) >= gapTolerance))
            {
                return;
            }

            Watermark = position;
            _ahead.Remove(position);
        }
    }
}
