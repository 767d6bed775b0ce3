namespace Matrix.Receipts.StoreBenchmarks;

/// <summary>
/// The write load shared by every store benchmark: <see cref="Writers"/> concurrent writers, each moving its own
/// receipt forward <see cref="ReceiptsPerWriter"/> times and awaiting each durable write before the next
/// (as one client's POST /receipt calls would). Every write changes a row, so none is a cheap no-op.
/// </summary>
public sealed class ConcurrentReceiptLoad
{
    public const int Writers = 64;
    public const int ReceiptsPerWriter = 32;

    /// <summary>Receipts written per <see cref="RunAsync"/>; use as <c>OperationsPerInvoke</c> so results are per receipt.</summary>
    public const int ReceiptsPerRun = Writers * ReceiptsPerWriter;

    private static readonly RoomId Room = RoomId.Parse("!benchmark:example.org");
    private static readonly UserId[] Users = Enumerable.Range(0, Writers).Select(i => UserId.Parse($"@writer{i}:example.org")).ToArray();
    private static readonly EventId[] Events = Enumerable.Range(0, 64).Select(i => EventId.Parse($"$event{i}")).ToArray();

    private long _ordering;

    public async Task RunAsync(IReceiptStore store)
    {
        var writers = new Task[Writers];
        for (int w = 0; w < Writers; w++)
        {
            UserId user = Users[w];
            writers[w] = Task.Run(async () =>
            {
                for (int i = 0; i < ReceiptsPerWriter; i++)
                {
                    // A global counter keeps every key's orderings increasing across runs.
                    long ordering = Interlocked.Increment(ref _ordering);
                    var receipt = new Receipt(Room, user, ReceiptType.Read, Events[ordering % Events.Length], ThreadId.Unthreaded, ordering);
                    StoreWriteResult result = await store.TryAdvanceAsync(new ReceiptWrite(receipt, ordering));
                    if (!result.Changed)
                    {
                        throw new InvalidOperationException("Every benchmark write must move its receipt forward.");
                    }
                }
            });
        }

        await Task.WhenAll(writers);
    }
}
