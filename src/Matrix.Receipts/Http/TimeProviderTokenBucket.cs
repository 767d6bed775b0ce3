using System.Threading.RateLimiting;

namespace Matrix.Receipts;

/// <summary>
/// A token bucket that reads time from a <see cref="TimeProvider"/> (so the rate limit can be tested with a fake clock):
/// <c>capacity</c> tokens at most, refilled continuously at <c>capacity</c> tokens per second, no queueing.
/// </summary>
internal sealed class TimeProviderTokenBucket : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastRefill;
    private long _lastUse;
    private long _successfulLeases;
    private long _failedLeases;

    public TimeProviderTokenBucket(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _capacity = capacity;
        _tokens = capacity;
        _lastRefill = _lastUse = time.GetTimestamp();
    }

    /// <summary>Idle once the bucket is full again, so the partitioned limiter may drop it.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens >= _capacity ? _time.GetElapsedTime(_lastUse) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _capacity);
        lock (_lock)
        {
            Refill();
            _lastUse = _time.GetTimestamp();
            int needed = Math.Max(permitCount, 1);
            if (_tokens >= needed)
            {
                _tokens -= permitCount;
                _successfulLeases++;
                return Lease.Acquired;
            }

            _failedLeases++;
            return new Lease(TimeSpan.FromSeconds((needed - _tokens) / _capacity));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Refill()
    {
        long now = _time.GetTimestamp();
        double seconds = (now - _lastRefill) / (double)_time.TimestampFrequency;
        _lastRefill = now;
        if (seconds > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + (seconds * _capacity));
        }
    }

    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        public Lease(TimeSpan? retryAfter) => _retryAfter = retryAfter;

        public static Lease Acquired { get; } = new(null);

        public override bool IsAcquired => _retryAfter is null;

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is TimeSpan retryAfter && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
