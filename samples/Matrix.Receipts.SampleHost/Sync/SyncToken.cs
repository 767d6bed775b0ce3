using System.Globalization;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// A <c>next_batch</c> token covering both streams a sync reads: the receipts stream position and the sample world's
/// version (events, joins, leaves). Written as <c>r{position}_w{version}</c>.
/// </summary>
internal readonly record struct SyncToken(StreamPosition Receipts, long World)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"r{Receipts.Value}_w{World}");

    public static bool TryParse(string? value, out SyncToken token)
    {
        token = default;
        if (value is null || !value.StartsWith('r'))
        {
            return false;
        }

        int separator = value.IndexOf("_w", StringComparison.Ordinal);
        if (separator < 0
            || !long.TryParse(value.AsSpan(1, separator - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long receipts)
            || !long.TryParse(value.AsSpan(separator + 2), NumberStyles.None, CultureInfo.InvariantCulture, out long world))
        {
            return false;
        }

        token = new SyncToken(new StreamPosition(receipts), world);
        return true;
    }
}
