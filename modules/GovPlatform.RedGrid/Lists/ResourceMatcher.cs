using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Lists;

/// <summary>A resource suggested for a need, with why.</summary>
/// <param name="Resource">The available resource.</param>
/// <param name="Unit">The resident unit offering it.</param>
/// <param name="SameType">Whether it is of the need's type.</param>
/// <param name="TreeDistance">Hops from the need's unit up to the lowest common ancestor (0: the resource lies in the need's unit); <see cref="int.MaxValue"/> when none.</param>
/// <param name="CommonAncestor">The lowest unit above both, or null.</param>
/// <param name="Kilometres">Great-circle distance from the resident unit to the need's community, when both are known.</param>
public sealed record ResourceSuggestion(UnitResource Resource, ResidentUnit Unit, bool SameType, int TreeDistance, GridUnitInfo? CommonAncestor, double? Kilometres)
{
    /// <summary>Why it is suggested, in both languages.</summary>
    public BilingualText Why
    {
        get
        {
            var type = RedGridNames.Resource(Resource.Type);
            var (zhType, enType) = SameType ? ($"类型相同（{type.Chinese}）", $"same type ({type.English})") : ($"类型不同（{type.Chinese}）", $"another type ({type.English})");
            var (zhTree, enTree) = CommonAncestor is null
                ? ("不在同一网格树上", "not on the same grid tree")
                : TreeDistance == 0
                    ? ($"就在{CommonAncestor.Name}", $"within {CommonAncestor.EnglishName ?? CommonAncestor.Name}")
                    : ($"同属{CommonAncestor.Name}（网格距离 {TreeDistance}）", $"both in {CommonAncestor.EnglishName ?? CommonAncestor.Name} (grid distance {TreeDistance})");
            var km = Kilometres is { } k ? k.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : null;
            return new(
                $"{zhType}；{zhTree}" + (km is null ? "" : $"；相距约 {km} 公里"),
                $"{enType}; {enTree}" + (km is null ? "" : $"; about {km} km away"));
        }
    }
}

/// <summary>What the staff give when matching a resource to a need.</summary>
public sealed record MatchInput(long ResourceId, int NeedVersion, string Title, string Owner, string? StartsOn, bool UsedUp);

/// <summary>
/// Matching (三单对接): suggests available resources for a need — same type first, then by distance on the grid (hops
/// from the need's unit to the lowest common ancestor: same unit, community, street, district), then by kilometres from
/// the resident unit to the need's community — and turns a chosen one into a project in one transaction.
/// </summary>
public sealed class ResourceMatcher(TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settings, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The message when the need was matched or closed meanwhile.</summary>
    public static readonly BilingualText AlreadyMatched = new(
        "这条需求已经对接或已关闭，不能再次对接。请刷新页面。", "This need has been matched or closed already and cannot be matched again; reload the page.");

    /// <summary>The suggestions for need <paramref name="needId"/>, best first (at most <paramref name="limit"/>); null for an unknown need.</summary>
    public async Task<IReadOnlyList<ResourceSuggestion>?> SuggestAsync(long needId, int limit = 20, CancellationToken cancellationToken = default)
    {
        // The grid first: its first load opens its own transaction.
        var depth = (await settings.GetAsync(cancellationToken)).CommunityDepth;
        var need = await db.Set<CommunityNeed>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == needId, cancellationToken);
        if (need is null)
        {
            return null;
        }

        var needPath = await PathAsync(need.GridUnitCode, cancellationToken);
        var candidates = await (
            from r in db.Set<UnitResource>().AsNoTracking()
            join u in db.Set<ResidentUnit>().AsNoTracking() on r.ResidentUnitId equals u.Id
            where r.Available && u.Active
            select new { r, u }).ToListAsync(cancellationToken);
        var location = await CommunityLocationAsync(needPath, depth, cancellationToken);
        var paths = new Dictionary<string, IReadOnlyList<GridUnitInfo>>(StringComparer.Ordinal);
        var suggestions = new List<(ResourceSuggestion Suggestion, int ResourceHops)>();
        foreach (var c in candidates)
        {
            if (!paths.TryGetValue(c.r.GridUnitCode, out var path))
            {
                paths[c.r.GridUnitCode] = path = await PathAsync(c.r.GridUnitCode, cancellationToken);
            }

            // The lowest common ancestor: the deepest unit on both paths from the top.
            var common = needPath.Zip(path).TakeWhile(p => p.First.Code == p.Second.Code).Select(p => p.First).LastOrDefault();
            var distance = common is null || needPath.Count == 0 ? int.MaxValue : needPath[^1].Depth - common.Depth;
            var hops = common is null || path.Count == 0 ? int.MaxValue : path[^1].Depth - common.Depth;
            double? km = location is { } l && c.u.Longitude is { } lon && c.u.Latitude is { } lat ? Kilometres(l.Longitude, l.Latitude, lon, lat) : null;
            suggestions.Add((new ResourceSuggestion(c.r, c.u, c.r.Type == need.Type, distance, common, km), hops));
        }

        return [.. suggestions
            .OrderByDescending(s => s.Suggestion.SameType)
            .ThenBy(s => s.Suggestion.TreeDistance)
            .ThenBy(s => s.Suggestion.Kilometres ?? double.MaxValue)
            .ThenBy(s => s.ResourceHops)
            .ThenBy(s => s.Suggestion.Resource.Id)
            .Take(limit)
            .Select(s => s.Suggestion)];
    }

    /// <summary>
    /// Matches resource <see cref="MatchInput.ResourceId"/> to need <paramref name="needId"/>: creates the project, marks the
    /// need Matched (only while it is still Open at the version the page showed) and the resource used up when asked —
    /// all or nothing. A second match of the same need is refused (version check, and the unique index on live projects).
    /// </summary>
    public async Task<ListsResult> MatchAsync(long needId, MatchInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        FieldChecks.Text(errors, "title", input.Title, 100, required: true);
        FieldChecks.Text(errors, "owner", input.Owner, 50, required: true);
        var startsOn = ListsInput.Date(errors, "startsOn", input.StartsOn);
        if (errors.Count > 0)
        {
            return ListsResult.Invalid(errors);
        }

        var actor = ListsInput.Actor(user);
        ListsResult result;
        try
        {
            result = await db.InTransactionAsync(async ct =>
            {
                var need = await db.Set<CommunityNeed>().FirstOrDefaultAsync(n => n.Id == needId, ct);
                if (need is null)
                {
                    return ListsResult.Missing;
                }

                if (need.Status != NeedStatus.Open || need.Version != input.NeedVersion)
                {
                    return ListsResult.Whole(ListsOutcome.Stale, AlreadyMatched);
                }

                var resource = await db.Set<UnitResource>().FirstOrDefaultAsync(r => r.Id == input.ResourceId, ct);
                if (resource is null || !resource.Available)
                {
                    return ListsResult.Invalid(new(StringComparer.Ordinal) { ["resourceId"] = new("请选择一项仍可用的资源。", "Choose a resource that is still available.") });
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var project = new Project
                {
                    Title = input.Title.Trim(),
                    NeedId = need.Id,
                    ResourceId = resource.Id,
                    GridUnitCode = need.GridUnitCode,
                    Owner = input.Owner.Trim(),
                    Status = ProjectStatus.Planned,
                    StartsOn = startsOn,
                    ShownPublicly = true,
                    CreatedBy = actor,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                    Version = 1,
                };
                db.Add(project);
                need.Status = NeedStatus.Matched;
                need.Version++;
                need.UpdatedUtc = now;
                if (input.UsedUp)
                {
                    // Remembered on the project: cancelling it puts the resource back.
                    project.UsedResource = true;
                    resource.Available = false;
                    resource.Version++;
                    resource.UpdatedUtc = now;
                }

                // Saved here (not only by InTransactionAsync) so the project's id is known for the answer.
                await db.SaveChangesAsync(ct);
                return ListsResult.Ok(project.Id);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent match won: the need's version moved on, or the unique index on live projects refused ours.
            db.ChangeTracker.Clear();
            return ListsResult.Whole(ListsOutcome.Stale, AlreadyMatched);
        }

        if (result.Outcome == ListsOutcome.Done)
        {
            await audit.RecordAsync(new AuditEvent(ResidentUnitEditor.AuditCategory, "need-match", $"need:{needId}", $"project {result.Id} with resource {input.ResourceId} by {actor}"), cancellationToken);
        }

        return result;
    }

    /// <summary>The unit's ancestors and itself, top first; empty for an unknown code.</summary>
    private async Task<IReadOnlyList<GridUnitInfo>> PathAsync(string code, CancellationToken cancellationToken)
    {
        var unit = await grid.FindAsync(code, cancellationToken);
        return unit is null ? [] : [.. await grid.GetAncestorsAsync(unit.Code, cancellationToken), unit];
    }

    /// <summary>
    /// Where the need's community is: the grid directory has no centroids, so the community's own active service centre
    /// with a location stands for it (none: matching by the grid alone).
    /// </summary>
    private async Task<(double Longitude, double Latitude)?> CommunityLocationAsync(IReadOnlyList<GridUnitInfo> needPath, int communityDepth, CancellationToken cancellationToken)
    {
        var community = needPath.LastOrDefault(u => u.Depth <= communityDepth);
        if (community is null)
        {
            return null;
        }

        var centre = await db.Set<ServiceCentre>().AsNoTracking()
            .Where(c => c.GridUnitCode == community.Code && c.Active && c.Longitude != null && c.Latitude != null)
            .OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return centre is null ? null : (centre.Longitude!.Value, centre.Latitude!.Value);
    }

    /// <summary>The haversine distance in kilometres.</summary>
    internal static double Kilometres(double lon1, double lat1, double lon2, double lat2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 6371.0 * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }
}
