using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid.Components.Public;
using GovPlatform.Grid.Map;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Services;
using GovPlatform.Modules;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Endpoints;

/// <summary>
/// The public "find my grid" page: a resident narrows down street → community → grid, or picks a point on the map
/// (or their phone's location), and sees the unit with its leader and workers. Only public facts are shown.
/// </summary>
internal static class GridPublicEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/grid", FindAsync);
        endpoints.MapGetShared("/grid/api/locate", LocateAsync);
    }

    private static async Task<IResult> FindAsync(string? unit, string? longitude, string? latitude, HttpContext context, GridDirectory directory, TenantDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tree = await directory.TreeAsync(ct);
        GridNode? found = null;
        Coordinate? point = null;
        string? problem = null;
        if (longitude is not null || latitude is not null)
        {
            if (double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) &&
                double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lon is >= -180 and <= 180 && lat is >= -90 and <= 90)
            {
                point = new Coordinate(lon, lat);
                found = tree.Locate(lon, lat);
                problem = found is null ? GridAdminEndpoints.Text(new("这个位置不在本区的任何网格内。", "This place is not inside any of the district's grids.")) : null;
            }
            else
            {
                problem = GridAdminEndpoints.Text(new("请填写有效的经度和纬度。", "Enter a valid longitude and latitude."));
            }
        }
        else if (unit is not null)
        {
            found = tree.Find(unit);
            problem = found is null ? GridAdminEndpoints.Text(new("没有这个网格。", "There is no such unit.")) : null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        List<PublicPost> people = [];
        if (found is not null)
        {
            // The people of the unit and, for a unit without its own, of the nearest unit above that has some.
            for (var node = found; node is not null && people.Count == 0; node = node.Parent)
            {
                var id = node.Id;
                people = await db.Set<GridAssignment>().AsNoTracking()
                    .Where(a => a.UnitId == id && (a.EndDate == null || a.EndDate >= today))
                    .Join(db.Set<GridWorker>().Where(w => w.Active), a => a.WorkerId, w => w.Id, (a, w) => new PublicPost(w.Name, w.Phone, a.Role, w.Kind, node.Unit.Name))
                    .ToListAsync(ct);
            }

            people = [.. people.OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal)];
        }

        var choices = found is null ? tree.Roots.Where(r => r.Unit.Kind == GridUnitKind.Territorial).ToList() : [.. found.Children.Where(c => c.Unit.Kind == GridUnitKind.Territorial)];
        // A unit with units below is shown with them; a grid at the bottom among its neighbours, itself highlighted.
        IEnumerable<GridNode> shown = found switch
        {
            { Children.Count: > 0 } => found.Children,
            { Parent: { } parent } => parent.Children,
            not null => [found],
            null => tree.Roots.SelectMany(r => r.Children.Count > 0 ? r.Children : [r]),
        };
        var mapUnits = shown.Where(n => n.Boundary is not null && n.Unit.Kind == GridUnitKind.Territorial).ToList();
        var map = SvgMap.Render(
            [.. mapUnits.Select(n => new MapShape(n.Code, n.Unit.Name, n.Boundary!, n == found ? "is-selected" : "", null, n.Unit.Name))],
            new MapOptions(AriaLabel: GridAdminEndpoints.Text(new("点击地图选择位置", "Click the map to pick a place")), Marker: point, Pickable: true, SubmitOnPick: true));
        return ComponentPage.Render<FindGridPage>(context, new
        {
            Found = found,
            Path = found is null ? [] : GridTree.Ancestors(found).Append(found).ToList(),
            Choices = choices,
            People = people,
            Point = point,
            Problem = problem,
            Map = map,
        }, problem is null ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> LocateAsync(double? longitude, double? latitude, GridDirectory directory, CancellationToken ct)
    {
        if (longitude is not { } lon || latitude is not { } lat)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "longitude and latitude are required");
        }

        var unit = await directory.LocateAsync(lon, lat, ct);
        if (unit is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No grid unit contains this point.");
        }

        var ancestors = await directory.GetAncestorsAsync(unit.Code, ct);
        return Results.Ok(new { unit.Code, unit.Name, unit.EnglishName, unit.Depth, Path = ancestors.Select(a => new { a.Code, a.Name }) });
    }
}

/// <summary>A current post as the public page shows it.</summary>
public sealed record PublicPost(string Name, string? Phone, GridRole Role, GridWorkerKind Kind, string UnitName);
