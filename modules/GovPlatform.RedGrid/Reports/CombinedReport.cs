using System.Security.Claims;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Centres;
using GovPlatform.RedGrid.Lists;
using GovPlatform.RedGrid.Members;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
using GovPlatform.RedGrid.Pairings;
using GovPlatform.RedGrid.Security;
using GovPlatform.RedGrid.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;

namespace GovPlatform.RedGrid.Reports;

/// <summary>A unit's coverage figures (see <see cref="CoverageRow"/>), summable for a total over several top units.</summary>
public sealed record CoverageFigures(int Grids, int GridsCovered, int Courtyards, int CourtyardsCovered, int Households)
{
    public static CoverageFigures Zero { get; } = new(0, 0, 0, 0, 0);

    public static CoverageFigures Of(CoverageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Grids, row.GridsCovered, row.Courtyards, row.CourtyardsCovered, row.Households);
    }

    public static CoverageFigures operator +(CoverageFigures a, CoverageFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Grids + b.Grids, a.GridsCovered + b.GridsCovered, a.Courtyards + b.Courtyards, a.CourtyardsCovered + b.CourtyardsCovered, a.Households + b.Households);
    }

    public static CoverageFigures Add(CoverageFigures a, CoverageFigures b) => a + b;
}

/// <summary>Active party-mass service centres in a unit, per level.</summary>
public sealed record CentreCounts(int District, int Street, int Community)
{
    public static CentreCounts Zero { get; } = new(0, 0, 0);

    public int Total => District + Street + Community;

    public static CentreCounts Of(CentreLevel level, int count) => level switch
    {
        CentreLevel.District => new(count, 0, 0),
        CentreLevel.Street => new(0, count, 0),
        _ => new(0, 0, count),
    };

    public static CentreCounts operator +(CentreCounts a, CentreCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.District + b.District, a.Street + b.Street, a.Community + b.Community);
    }

    public static CentreCounts Add(CentreCounts a, CentreCounts b) => a + b;
}

/// <summary>
/// The combined report: for the unit it is about (null when its rows are several top units), one row per unit in
/// <see cref="Units"/> in every section (the lists run parallel to it) and each section's total.
/// </summary>
/// <param name="Unit">The unit whose children are the rows; null when the rows are a confined user's several units or a tenant's several tops.</param>
/// <param name="From">The period's first day (members and projects).</param>
/// <param name="To">The period's last day.</param>
/// <param name="Year">The year of the pairing help.</param>
/// <param name="Units">The rows' units.</param>
public sealed record CombinedReport(
    GridUnitInfo? Unit,
    DateOnly From,
    DateOnly To,
    int Year,
    IReadOnlyList<GridUnitInfo> Units,
    IReadOnlyList<CoverageFigures> Coverage,
    CoverageFigures CoverageTotal,
    IReadOnlyList<ReportingRow> Reporting,
    ReportingRow ReportingTotal,
    IReadOnlyList<ProjectFigures> Projects,
    ProjectFigures ProjectsTotal,
    IReadOnlyList<HelpSums> Help,
    HelpSums HelpTotal,
    IReadOnlyList<CentreCounts> Centres,
    CentreCounts CentresTotal);

/// <summary>
/// 党建报表: coverage, member reporting, projects, pairing help and service centres for the children of one unit, each
/// section taken from the service that owns it (<see cref="CoverageService"/>, <see cref="ReportingReport"/>,
/// <see cref="ProjectBoard.ProjectFiguresAsync"/>, <see cref="PairingService.SumsAsync"/>, <see cref="CentreEditor.CountsAsync"/>)
/// and rolled up here over the grid's tree. The unit is chosen as every report by grid unit chooses it
/// (<see cref="GridReports.SelectReportUnitsAsync"/> with <see cref="RedGridPermissions.Reports"/> on the unit).
/// </summary>
public sealed class CombinedReports(
    IGridDirectory grid,
    IGridScopeFilter scopeFilter,
    IAuthorizationService authorization,
    CoverageService coverage,
    ReportingReport reporting,
    ProjectBoard projects,
    PairingService pairings,
    CentreEditor centres)
{
    /// <summary>The report, or the error under <c>unit</c> and whether the unit exists but is outside the reader's area.</summary>
    public async Task<(CombinedReport? Report, BilingualText? Error, bool Forbidden)> ComputeAsync(
        string? unit, DateOnly from, DateOnly to, int year, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var selection = await grid.SelectReportUnitsAsync(scopeFilter, unit, user,
            code => authorization.HasPermissionAsync(user, RedGridPermissions.Reports, new ScopedUnit(code)), cancellationToken);
        if (selection.Error is { } error)
        {
            return (null, error, selection.Forbidden);
        }

        var anchor = selection.Anchor;
        var rows = anchor is not null
            ? [.. (await grid.GetChildrenAsync(anchor.Code, cancellationToken)).OrderBy(u => u.Code, StringComparer.Ordinal)]
            : selection.Roots;

        // Every row's codes, current and former (records keep the code they were made under); the grid is read first.
        var subtrees = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            subtrees[row.Code] = await scopeFilter.GetSubtreeCodesAsync(row.Code, cancellationToken);
        }

        if (anchor is not null)
        {
            subtrees[anchor.Code] = await scopeFilter.GetSubtreeCodesAsync(anchor.Code, cancellationToken);
        }

        // 1. Coverage: the anchor's report has a row per child and its own total; several tops are summed.
        List<CoverageFigures> coverageRows;
        CoverageFigures coverageTotal;
        if (anchor is not null)
        {
            var report = (await coverage.ComputeAsync(anchor.Code, cancellationToken))!;
            var byCode = report.Rows.ToDictionary(r => r.Unit.Code, CoverageFigures.Of, StringComparer.Ordinal);
            coverageRows = [.. rows.Select(r => byCode.GetValueOrDefault(r.Code) ?? CoverageFigures.Zero)];
            coverageTotal = CoverageFigures.Of(report.Total);
        }
        else
        {
            coverageRows = [];
            foreach (var row in rows)
            {
                coverageRows.Add((await coverage.ComputeAsync(row.Code, cancellationToken)) is { } report ? CoverageFigures.Of(report.Total) : CoverageFigures.Zero);
            }

            coverageTotal = coverageRows.Aggregate(CoverageFigures.Zero, CoverageFigures.Add);
        }

        // 2. Member reporting is counted per community; each community adds to the row it lies under.
        var members = await reporting.ComputeAsync(anchor?.Code, from, to, user, cancellationToken);
        var reportingRows = rows.Select(r => new ReportingRow(r, 0, 0, 0, 0, 0)).ToList();
        var reportingTotal = members?.Total ?? new ReportingRow(null, 0, 0, 0, 0, 0);
        foreach (var community in members?.Rows ?? [])
        {
            var index = rows.ToList().FindIndex(r => subtrees[r.Code].Contains(community.Unit!.Code, StringComparer.Ordinal));
            if (index >= 0)
            {
                var sum = reportingRows[index];
                reportingRows[index] = sum with
                {
                    Living = sum.Living + community.Living,
                    Reported = sum.Reported + community.Reported,
                    TasksGiven = sum.TasksGiven + community.TasksGiven,
                    TasksDone = sum.TasksDone + community.TasksDone,
                    Minutes = sum.Minutes + community.Minutes,
                };
            }
        }

        // 3. Projects: the rows' subtrees first, then the anchor (which keeps only what lies on the anchor itself).
        var figures = await projects.ProjectFiguresAsync([.. rows.Select(r => r.Code), .. anchor is null ? Array.Empty<string>() : [anchor.Code]], from, to, cancellationToken);
        var projectRows = figures.Take(rows.Count).ToList();
        var projectsTotal = new ProjectFigures(anchor?.Code ?? "", figures.Sum(f => f.Matched), figures.Sum(f => f.Completed), figures.Sum(f => f.Beneficiaries));

        // 4. Pairing help in the year, located in the selection (null: a tenant-wide user's whole tenant).
        var helpCodes = anchor is not null ? subtrees[anchor.Code] : selection.UnitCodes;
        var help = PairingService.RollUp(await pairings.SumsAsync(helpCodes, null, year, cancellationToken), subtrees);
        var helpRows = rows.Select(r => help[r.Code]).ToList();
        var helpTotal = anchor is not null ? help[anchor.Code] : helpRows.Aggregate(HelpSums.Zero, HelpSums.Add);

        // 5. Service centres per level, rolled up the same way.
        var allCodes = subtrees.Values.SelectMany(c => c).Distinct(StringComparer.Ordinal).ToList();
        var counted = await centres.CountsAsync(allCodes, cancellationToken);
        CentreCounts CentresIn(string code)
        {
            var set = subtrees[code].ToHashSet(StringComparer.Ordinal);
            return counted.Where(c => set.Contains(c.GridUnitCode)).Aggregate(CentreCounts.Zero, (sum, c) => sum + CentreCounts.Of(c.Level, c.Count));
        }

        var centreRows = rows.Select(r => CentresIn(r.Code)).ToList();
        var centresTotal = anchor is not null ? CentresIn(anchor.Code) : centreRows.Aggregate(CentreCounts.Zero, CentreCounts.Add);

        return (new CombinedReport(anchor, from, to, year, rows, coverageRows, coverageTotal, reportingRows, reportingTotal,
            projectRows, projectsTotal, helpRows, helpTotal, centreRows, centresTotal), null, false);
    }
}
