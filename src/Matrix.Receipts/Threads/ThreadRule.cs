using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>
/// Whether an event belongs to the thread a receipt names (behaviour contract §4). Relations are walked upward at most
/// <see cref="MaxHops"/> hops, whatever their type, so a reaction to a thread reply counts as part of the thread.
/// </summary>
internal sealed class ThreadRule
{
    /// <summary>How many relations are followed upward (Synapse's limit, which Complement's threaded-receipt test relies on).</summary>
    public const int MaxHops = 3;

    private readonly IHomeserverRooms _rooms;
    private readonly IOptions<MatrixReceiptsOptions> _options;

    public ThreadRule(IHomeserverRooms rooms, IOptions<MatrixReceiptsOptions> options)
    {
        _rooms = rooms;
        _options = options;
    }

    public async ValueTask<bool> BelongsToAsync(RoomId room, RoomEvent roomEvent, ThreadId thread, CancellationToken cancellationToken)
    {
        if (thread.IsUnthreaded)
        {
            return true;
        }

        bool strict = _options.Value.StrictThreadRule;
        EventId? root = thread.Root;
        if (root is EventId r && roomEvent.EventId == r && !strict)
        {
            // Synapse's rule: the root is read in its own thread as well as in main.
            return true;
        }

        RoomEvent current = roomEvent;
        for (int hop = 1; hop <= MaxHops; hop++)
        {
            EventRelation? relation = current.Relation;
            if (relation is null)
            {
                break;
            }

            bool isThreadRelation = string.Equals(relation.RelationType, EventRelation.Thread, StringComparison.Ordinal);
            if (root is null)
            {
                // main: anything whose chain meets an m.thread relation lives in a thread.
                if (isThreadRelation)
                {
                    return false;
                }
            }
            else if (relation.ParentEventId == root.Value && (isThreadRelation || !strict))
            {
                // Strict (corrected spec) rule: only an m.thread relation to the root puts an event in the thread.
                return true;
            }

            if (hop == MaxHops)
            {
                break;
            }

            RoomEvent? parent = await _rooms.FindEventAsync(room, relation.ParentEventId, cancellationToken).ConfigureAwait(false);
            if (parent is null)
            {
                break;
            }

            current = parent;
        }

        return root is null;
    }
}
