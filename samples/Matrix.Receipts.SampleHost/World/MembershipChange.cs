namespace Matrix.Receipts.SampleHost;

/// <summary>A join or leave, kept so an incremental sync can tell which rooms a user joined or left since its token.</summary>
internal readonly record struct MembershipChange(long Version, RoomId Room, UserId User, bool Joined);
