using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GovPlatform.Contents.Services;

/// <summary>
/// First path segments taken by the shell's own endpoints (other modules' pages), which no content slug may use. The
/// shell's endpoint sources are attached when its pipeline is configured and read on first use.
/// </summary>
internal sealed class ContentRouteReservations
{
    private ICollection<EndpointDataSource>? _sources;
    private HashSet<string>? _segments;

    public void Attach(ICollection<EndpointDataSource> sources) => _sources = sources;

    public bool IsReserved(string firstSegment) =>
        ContentSlugs.Reserved.Contains(firstSegment) || Segments().Contains(firstSegment);

    private HashSet<string> Segments()
    {
        if (_segments is { } known)
        {
            return known;
        }

        var segments = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in _sources?.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>() ?? [])
        {
            if (endpoint.RoutePattern.PathSegments is [var first, ..] && first.Parts is [RoutePatternLiteralPart literal])
            {
                segments.Add(literal.Content);
            }
        }

        return _segments = segments;
    }
}
