using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>Refuses options that would break the behaviour contract; runs when the host starts (<c>ValidateOnStart</c>).</summary>
internal sealed class MatrixReceiptsOptionsValidator : IValidateOptions<MatrixReceiptsOptions>
{
    /// <summary>Upper bound of <see cref="MatrixReceiptsOptions.MaxBodyBytes"/>: these routes carry a few event IDs.</summary>
    public const int MaxBodyBytesLimit = 16 * 1024 * 1024;

    /// <summary>Upper bound of <see cref="MatrixReceiptsOptions.MaxJsonDepth"/>.</summary>
    public const int MaxJsonDepthLimit = 1024;

    /// <summary>Upper bound of <see cref="MatrixReceiptsOptions.RateLimitPerSecond"/>.</summary>
    public const int RateLimitPerSecondLimit = 1_000_000;

    public ValidateOptionsResult Validate(string? name, MatrixReceiptsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;

        // "{}" is two bytes: a smaller limit would refuse every body.
        if (options.MaxBodyBytes is < 2 or > MaxBodyBytesLimit)
        {
            (failures ??= []).Add($"{nameof(MatrixReceiptsOptions.MaxBodyBytes)} must be between 2 and {MaxBodyBytesLimit}; it is {options.MaxBodyBytes}.");
        }

        if (options.MaxJsonDepth is < 1 or > MaxJsonDepthLimit)
        {
            (failures ??= []).Add($"{nameof(MatrixReceiptsOptions.MaxJsonDepth)} must be between 1 and {MaxJsonDepthLimit}; it is {options.MaxJsonDepth}.");
        }

        if (options.RateLimitPerSecond is int rate && rate is < 1 or > RateLimitPerSecondLimit)
        {
            (failures ??= []).Add($"{nameof(MatrixReceiptsOptions.RateLimitPerSecond)} must be null (off) or between 1 and {RateLimitPerSecondLimit}; it is {rate}.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
