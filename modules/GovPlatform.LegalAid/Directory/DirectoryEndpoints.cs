using System.Globalization;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.LegalAid.Directory;

/// <summary>
/// The public directory on the tenant's site, open to anyone: <c>legal</c> (stations with filters, the map, nearest
/// first from a point), <c>legal/stations/{code}</c> (a station's page) and <c>legal/advisers</c> (a community's adviser).
/// Read-only GET pages: nothing to protect with antiforgery, nothing personal shown (never a lawyer's phone).
/// </summary>
internal static class DirectoryEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/legal", ListAsync);
        endpoints.MapGetShared("/legal/stations/{code}", StationAsync);
        endpoints.MapGetShared("/legal/advisers", AdvisersAsync);
    }

    private static async Task<IResult> ListAsync(
        string? kind, string? service, string? street, double? longitude, double? latitude, HttpContext context, LegalDirectory directory, IGridDirectory grid,
        IGridMaps maps, LegalAidSettingsStore settingsStore, ITenant tenant, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        StationKind? kindFilter = Enum.TryParse<StationKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;
        LegalServices? serviceFilter = Enum.TryParse<LegalServices>(service, out var s) && LegalAidNames.EachService.Contains(s) && !int.TryParse(service, out _) ? s : null;
        var streets = await StreetsAsync(grid, settings.CommunityDepth, ct);
        var streetFilter = streets.FirstOrDefault(u => u.Code == street)?.Code;
        (double, double)? point = longitude is { } lon && latitude is { } lat && double.IsFinite(lon) && double.IsFinite(lat) && Math.Abs(lon) <= 180 && Math.Abs(lat) <= 90 ? (lon, lat) : null;
        var rows = await directory.StationsAsync(new DirectoryFilter(kindFilter, serviceFilter, streetFilter), point, ct);
        var culture = CultureInfo.CurrentUICulture;
        var map = await maps.RenderPinsAsync(new PinMapRequest(
            [.. rows.Where(r => r.Station.Longitude is not null && r.Station.Latitude is not null)
                .Select(r => new MapPin(r.Station.Longitude!.Value, r.Station.Latitude!.Value, Name(r.Station, culture), context.TenantPath($"legal/stations/{Uri.EscapeDataString(r.Station.Code)}"), Pin(r.Station.Kind)))],
            Text(new("公共法律服务地图，点击地图上您的位置查找最近的站点", "Map of legal services; click where you are to find the nearest")), streetFilter, point, Pickable: true), ct);
        return ComponentPage.Render<DirectoryPage>(context, new
        {
            Rows = rows,
            Kind = kindFilter,
            Service = serviceFilter,
            Street = streetFilter,
            Streets = streets,
            Point = point,
            Map = map,
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> StationAsync(string code, HttpContext context, LegalDirectory directory, IGridDirectory grid, IGridMaps maps, ITenant tenant, CancellationToken ct)
    {
        var station = await directory.StationAsync(code, ct);
        if (station is null)
        {
            return Results.NotFound();
        }

        var culture = CultureInfo.CurrentUICulture;
        var unit = await grid.FindAsync(station.GridUnitCode, ct);
        var map = station.Longitude is { } lon && station.Latitude is { } lat
            ? await maps.RenderPinsAsync(new PinMapRequest([new MapPin(lon, lat, Name(station, culture), null, Pin(station.Kind))], Text(new($"{station.Name}位置图", $"Map of {station.EnglishName}")), unit?.ParentCode ?? unit?.Code), ct)
            : "";
        return ComponentPage.Render<StationPage>(context, new { Station = station, Unit = unit, Map = map, TimeZoneId = tenant.TimeZone });
    }

    private static async Task<IResult> AdvisersAsync(
        string? street, string? community, double? longitude, double? latitude, HttpContext context, LegalDirectory directory, IGridDirectory grid,
        LegalAidSettingsStore settingsStore, IGridMaps maps, ITenant tenant, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var streets = await StreetsAsync(grid, settings.CommunityDepth, ct);
        GridUnitInfo? chosen = null;
        string? problem = null;
        (double, double)? point = null;
        if (community is { Length: > 0 })
        {
            chosen = await grid.FindAsync(community, ct);
            if (chosen is null || chosen.Depth != settings.CommunityDepth)
            {
                chosen = null;
                problem = Text(new("没有这个社区。", "There is no such community."));
            }
        }
        else if (longitude is { } lon && latitude is { } lat && double.IsFinite(lon) && double.IsFinite(lat))
        {
            point = (lon, lat);
            chosen = await directory.CommunityAtAsync(lon, lat, settings.CommunityDepth, ct);
            problem = chosen is null ? Text(new("这个位置不在本区的社区范围内。", "This place is not in any community of the district.")) : null;
        }

        var streetCode = chosen?.ParentCode ?? streets.FirstOrDefault(u => u.Code == street)?.Code;
        var communities = streetCode is null ? [] : (await grid.GetChildrenAsync(streetCode, ct)).Where(c => c.Depth == settings.CommunityDepth && c.Kind == GridUnitKind.Territorial).ToList();
        var adviser = chosen is null ? null : await directory.AdviserAsync(chosen.Code, ct);
        var map = await maps.RenderPinsAsync(new PinMapRequest([], Text(new("点击地图上您的位置查找所在社区", "Click where you live to find your community")), streetCode, point, Pickable: true), ct);
        return ComponentPage.Render<AdvisersPage>(context, new
        {
            Streets = streets,
            Street = streetCode,
            Communities = communities,
            Community = chosen,
            Adviser = adviser,
            Point = point,
            Problem = problem,
            Map = map,
            TimeZoneId = tenant.TimeZone,
        }, problem is null ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    /// <summary>The units one level above the communities (the streets), territorial, in code order.</summary>
    private static async Task<List<GridUnitInfo>> StreetsAsync(IGridDirectory grid, int communityDepth, CancellationToken ct)
    {
        var streets = new List<GridUnitInfo>();
        var level = (await grid.GetChildrenAsync(null, ct)).ToList();
        for (var depth = 1; depth < communityDepth - 1 && level.Count > 0; depth++)
        {
            var next = new List<GridUnitInfo>();
            foreach (var unit in level)
            {
                next.AddRange(await grid.GetChildrenAsync(unit.Code, ct));
            }

            level = next;
        }

        streets.AddRange(level.Where(u => u.Kind == GridUnitKind.Territorial && u.Depth == communityDepth - 1));
        return streets;
    }

    private static string Name(LegalStation station, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && station.EnglishName.Length > 0 ? station.EnglishName : station.Name;

    private static string Pin(StationKind kind) => "legal-pin-" + kind.ToString().ToLowerInvariant();

    private static string Text(Localization.BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}
