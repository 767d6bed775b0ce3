namespace Matrix.Receipts.SampleHost;

/// <summary>The unread counts of one timeline: <c>notification_count</c> and <c>highlight_count</c>.</summary>
internal readonly record struct UnreadCounts(int Notifications, int Highlights);
