using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Matrix.Receipts;

/// <summary>
/// The path of the request as the client sent it. ASP.NET Core's <see cref="HttpRequest.Path"/> decodes every escape
/// except <c>%2F</c>, so <c>%2F</c> and <c>%252F</c> look the same there; only the raw target tells them apart.
/// </summary>
internal static class RawRequestPath
{
    /// <summary>
    /// The segments of the raw target, each decoded once, with <c>.</c> and <c>..</c> removed as the server removed them
    /// before routing. A segment whose escapes are malformed keeps its raw text and is flagged. <see langword="null"/>
    /// when the raw target carries no path (asterisk or authority form).
    /// </summary>
    public static List<PathSegment>? ReadSegments(HttpContext context)
    {
        string? target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        ReadOnlySpan<char> path = target.AsSpan();
        int end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        if (path.IsEmpty || path[0] != '/')
        {
            // Absolute form (sent to proxies): drop "scheme://authority".
            int scheme = path.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0)
            {
                return null;
            }

            ReadOnlySpan<char> afterScheme = path[(scheme + 3)..];
            int slash = afterScheme.IndexOf('/');
            path = slash < 0 ? "/" : afterScheme[slash..];
        }

        var segments = new List<PathSegment>();
        path = path[1..];
        while (true)
        {
            int slash = path.IndexOf('/');
            ReadOnlySpan<char> raw = slash < 0 ? path : path[..slash];
            bool last = slash < 0;
            if (!(last && raw.IsEmpty))
            {
                // A trailing slash does not add a segment for routing either.
                Add(segments, raw);
            }

            if (last)
            {
                break;
            }

            path = path[(slash + 1)..];
        }

        return segments;
    }

    private static void Add(List<PathSegment> segments, ReadOnlySpan<char> raw)
    {
        bool valid = PathSegmentDecoder.TryDecode(raw, out string decoded);
        if (!valid)
        {
            segments.Add(new PathSegment(raw.ToString(), IsMalformed: true));
            return;
        }

        // Dot segments (RFC 3986 section 5.2.4), matching the normalisation Kestrel applied before routing.
        if (decoded == ".")
        {
            return;
        }

        if (decoded == "..")
        {
            if (segments.Count > 0)
            {
                segments.RemoveAt(segments.Count - 1);
            }

            return;
        }

        segments.Add(new PathSegment(decoded, IsMalformed: false));
    }
}
