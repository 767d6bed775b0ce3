namespace Matrix.Receipts;

/// <summary>The user an access token belongs to.</summary>
/// <param name="UserId">The user.</param>
/// <param name="IsGuest">Whether the user is a guest; guests may not send receipts (403 <c>M_GUEST_ACCESS_FORBIDDEN</c>).</param>
public sealed record AuthenticatedUser(UserId UserId, bool IsGuest = false);
