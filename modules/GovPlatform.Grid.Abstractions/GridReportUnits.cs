using System.Security.Claims;
using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Grid;

/// <summary>
/// Which part of the grid a report (the petitions ledger, the mediation statistics, the points report) is about, for a
/// user and the unit they asked for.
/// </summary>
/// <param name="Anchor">The unit whose children are the report's rows, or null when the rows are <see cref="Roots"/>.</param>
/// <param name="Roots">The rows when there is no single anchor: a confined user's several units, or the tenant's several top units.</param>
/// <param name="Chosen">The unit the report is about (asked for, or a confined user's only unit); null for the whole tenant.</param>
/// <param name="UnitCodes">The codes (current and former) records must be located in; null for no limit (a tenant-wide user's whole tenant).</param>
/// <param name="Error">Why the asked unit cannot be reported on (field <c>unit</c>), or null.</param>
/// <param name="Forbidden">True when the asked unit exists but is outside the user's area.</param>
public sealed record GridReportUnits(
    GridUnitInfo? Anchor,
    IReadOnlyList<GridUnitInfo> Roots,
    GridUnitInfo? Chosen,
    string[]? UnitCodes,
    BilingualText? Error,
    bool Forbidden);

/// <summary>The unit selection every report by grid unit makes the same way.</summary>
public static class GridReports
{
    /// <summary>
    /// Resolves the unit a report is about. Asked for a unit: it must exist and <paramref name="mayReportOn"/> must allow
    /// it (the module's grid-scoped permission on that unit); the rows are its children. Otherwise a confined user's only
    /// unit is the anchor (several units are the rows), limited to their scope; a tenant-wide user gets the tenant's single
    /// top unit as anchor (several tops are the rows), without a limit.
    /// </summary>
    public static async Task<GridReportUnits> SelectReportUnitsAsync(
        this IGridDirectory grid, IGridScopeFilter scopeFilter, string? unit, ClaimsPrincipal user, Func<string, Task<bool>> mayReportOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(scopeFilter);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(mayReportOn);
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var asked = await grid.FindAsync(unit.Trim(), cancellationToken);
            if (asked is null)
            {
                return new(null, [], null, null, new("没有这个网格单元。", "There is no such grid unit."), false);
            }

            return await mayReportOn(asked.Code)
                ? new(asked, [], asked, await scopeFilter.GetSubtreeCodesAsync(asked.Code, cancellationToken), null, false)
                : new(null, [], null, null, new("这个网格单元不在您的管辖范围内。", "This grid unit is outside your area."), true);
        }

        if (await scopeFilter.GetScopeCodesAsync(user, cancellationToken) is { } scope)
        {
            var own = new List<GridUnitInfo>();
            foreach (var code in user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).Distinct(StringComparer.Ordinal))
            {
                if (await grid.FindAsync(code, cancellationToken) is { } found && own.All(u => u.Code != found.Code))
                {
                    own.Add(found);
                }
            }

            var codes = scope.Order(StringComparer.Ordinal).ToArray();
            return own.Count == 1
                ? new(own[0], [], own[0], codes, null, false)
                : new(null, [.. own.OrderBy(u => u.Code, StringComparer.Ordinal)], null, codes, null, false);
        }

        var tops = await grid.GetChildrenAsync(null, cancellationToken);
        return tops.Count == 1 ? new(tops[0], [], null, null, null, false) : new(null, tops, null, null, null, false);
    }

    /// <summary>The current codes of a unit's subtree (the unit and every unit below it), as lists filter by them.</summary>
    public static async Task<List<string>> GetSubtreeCodesAsync(this IGridDirectory grid, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return [.. (await grid.GetSubtreeAsync(code, cancellationToken)).Select(u => u.Code)];
    }

    /// <summary>The codes, current and former, of a unit and every unit below it (the unit's code alone without a grid).</summary>
    public static async Task<string[]> GetSubtreeCodesAsync(this IGridScopeFilter scopeFilter, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopeFilter);
        // The grid answers "current and former codes of a subtree" for a user confined to it: ask it for one.
        var confined = new ClaimsPrincipal(new ClaimsIdentity([new Claim(GovClaimTypes.GridUnit, code)], "report"));
        var codes = await scopeFilter.GetScopeCodesAsync(confined, cancellationToken);
        return codes is null ? [code] : [.. codes.Order(StringComparer.Ordinal)];
    }
}
