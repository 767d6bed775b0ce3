using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>
/// The optional per-user rate limit of both routes (<see cref="MatrixReceiptsOptions.RateLimitPerSecond"/>): one token bucket
/// per user, burst N, refilled N per second, answered with a Matrix-shaped 429.
/// </summary>
internal sealed class UserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<UserId>? _limiter;

    public UserRateLimiter(IOptions<MatrixReceiptsOptions> options, TimeProvider time)
    {
        if (options.Value.RateLimitPerSecond is int perSecond)
        {
            _limiter = PartitionedRateLimiter.Create<UserId, UserId>(
                user => RateLimitPartition.Get(user, _ => new TimeProviderTokenBucket(perSecond, time)));
        }
    }

    /// <summary>Takes one token for <paramref name="user"/>; <see langword="null"/> when allowed, else the 429 to answer with.</summary>
    public MatrixError? TryAcquire(UserId user)
    {
        if (_limiter is null)
        {
            return null;
        }

        using RateLimitLease lease = _limiter.AttemptAcquire(user);
        if (lease.IsAcquired)
        {
            return null;
        }

        TimeSpan retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromSeconds(1);
        return MatrixError.LimitExceeded(Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds)));
    }

    public void Dispose() => _limiter?.Dispose();
}
