using System.Globalization;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// A <c>next_batch</c> token covering both streams a sync reads: the receipts stream position and the sample world's
/// version (events, joins, leaves), plus the world's epoch. The world lives in memory, so its versions restart with the
/// process; a token from an earlier run is recognised by its epoch. Written as <c>r{position}_w{version}_{epoch}</c>.
/// </summary>
internal readonly record struct SyncToken(StreamPosition Receipts, long World, string Epoch)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"r{Receipts.Value}_w{World}_{Epoch}");

    public static bool TryParse(string? value, out SyncToken token)
    {
        token = default;
        string[] parts = value?.Split('_') ?? [];
        if (parts.Length != 3
            || !parts[0].StartsWith('r') || !parts[1].StartsWith('w') || parts[2].Length == 0
            || !long.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long receipts)
            || !long.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long world))
        {
            return false;
        }

        token = new SyncToken(new StreamPosition(receipts), world, parts[2]);
        return true;
    }
}
