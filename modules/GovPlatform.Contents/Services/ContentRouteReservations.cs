using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GovPlatform.Contents.Services;

/// <summary>
/// First path segments taken by the shell's own endpoints (other modules' pages), which no content slug may use. The
/// shell's endpoints (which it may share with shells of the same features) are read on first use.
/// </summary>
internal sealed class ContentRouteReservations(EndpointDataSource endpoints)
{
    private HashSet<string>? _segments;

    public bool IsReserved(string firstSegment) =>
        ContentSlugs.Reserved.Contains(firstSegment) || Segments().Contains(firstSegment);

    private HashSet<string> Segments()
    {
        if (_segments is { } known)
        {
            return known;
        }

        var segments = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.PathSegments is [var first, ..] && first.Parts is [RoutePatternLiteralPart literal])
            {
                segments.Add(literal.Content);
            }
        }

        return _segments = segments;
    }
}
