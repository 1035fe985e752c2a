using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Directory;

/// <summary>What the public directory lists: a kind, a service, a street (any of them may be null).</summary>
public sealed record DirectoryFilter(StationKind? Kind = null, LegalServices? Service = null, string? Street = null);

/// <summary>A station in the directory, with its distance from the resident's point when one was given.</summary>
public sealed record DirectoryStation(LegalStation Station, double? DistanceKm);

/// <summary>A community's adviser in force, as residents may see it (never the lawyer's phone).</summary>
public sealed record PublicAdviser(long AssignmentId, string Name, string? Firm, string? Specialities, string? Place, string? Hours, DateOnly EndsOn, bool TakesAppointments);

/// <summary>
/// The public directory's queries: active stations with filters, ordered by great-circle distance from a point, and a
/// community's adviser in force today.
/// </summary>
public sealed class LegalDirectory(TenantDbContext db, IGridDirectory grid, BookingService booking)
{
    /// <summary>The mean radius of the earth, in kilometres.</summary>
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>
    /// Active stations matching <paramref name="filter"/> (a street includes stations of its communities and grids, and
    /// the district's own stations, which serve every street); nearest first when a point is given (stations without a
    /// location last), else by kind and name.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryStation>> StationsAsync(DirectoryFilter filter, (double Longitude, double Latitude)? from = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Set<LegalStation>().AsNoTracking().Where(s => s.Active);
        if (filter.Kind is { } kind)
        {
            query = query.Where(s => s.Kind == kind);
        }

        var stations = await query.ToListAsync(cancellationToken);
        if (filter.Service is { } service and not LegalServices.None)
        {
            stations = [.. stations.Where(s => (s.Services & service) == service)];
        }

        if (filter.Street is { Length: > 0 } street)
        {
            var kept = new List<LegalStation>();
            var ancestors = (await grid.GetAncestorsAsync(street, cancellationToken)).Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var station in stations)
            {
                if (ancestors.Contains(station.GridUnitCode) || await grid.IsWithinAsync(street, station.GridUnitCode, cancellationToken))
                {
                    kept.Add(station);
                }
            }

            stations = kept;
        }

        var rows = stations.Select(s => new DirectoryStation(s, from is { } p && s.Longitude is { } lon && s.Latitude is { } lat ? DistanceKm(p.Longitude, p.Latitude, lon, lat) : null));
        return from is null
            ? [.. rows.OrderBy(r => r.Station.Kind).ThenBy(r => r.Station.Name, StringComparer.Ordinal)]
            : [.. rows.OrderBy(r => r.DistanceKm ?? double.MaxValue).ThenBy(r => r.Station.Name, StringComparer.Ordinal)];
    }

    /// <summary>The active station with this code, or null.</summary>
    public Task<LegalStation?> StationAsync(string code, CancellationToken cancellationToken = default) =>
        db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == code && s.Active, cancellationToken);

    /// <summary>The adviser in force today for the community, or null.</summary>
    public async Task<PublicAdviser?> AdviserAsync(string communityCode, CancellationToken cancellationToken = default)
    {
        var today = await booking.TodayAsync(cancellationToken);
        var terms = await db.Set<AdviserAssignment>().AsNoTracking().Where(a => a.GridUnitCode == communityCode).ToListAsync(cancellationToken);
        var term = terms.Where(a => a.StartsOn <= today && a.EndsOn >= today).OrderByDescending(a => a.StartsOn).FirstOrDefault();
        if (term is null)
        {
            return null;
        }

        var lawyer = await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == term.LawyerId && l.Active, cancellationToken);
        if (lawyer is null)
        {
            return null;
        }

        var firm = lawyer.FirmId is { } firmId ? await db.Set<LawFirm>().AsNoTracking().Where(f => f.Id == firmId).Select(f => f.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return new PublicAdviser(term.Id, lawyer.Name, firm, lawyer.Specialities, term.Place, term.Hours, term.EndsOn,
            term.SlotCapacity > 0 && term.OpenDays != 0 && term.OpensAt is not null);
    }

    /// <summary>The community-level unit (at <paramref name="depth"/>) containing the point, or null.</summary>
    public async Task<GridUnitInfo?> CommunityAtAsync(double longitude, double latitude, int depth, CancellationToken cancellationToken = default)
    {
        var unit = await grid.LocateAsync(longitude, latitude, cancellationToken);
        if (unit is null || unit.Depth < depth)
        {
            return null;
        }

        if (unit.Depth == depth)
        {
            return unit;
        }

        var ancestors = await grid.GetAncestorsAsync(unit.Code, cancellationToken);
        return ancestors.FirstOrDefault(a => a.Depth == depth);
    }

    /// <summary>The great-circle (haversine) distance between two WGS84 points, in kilometres.</summary>
    public static double DistanceKm(double longitude1, double latitude1, double longitude2, double latitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A distance as residents read it: <c>350 m</c> under a kilometre, else <c>1.2 km</c>.</summary>
    public static string Distance(double km) => km < 1
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(km * 1000 / 10) * 10:0} m")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{km:0.0} km");
}
