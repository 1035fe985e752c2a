using System.Globalization;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Advisers;

/// <summary>One street's line of the coverage report.</summary>
/// <param name="Street">The street (the communities' parent), or null for communities without one.</param>
/// <param name="Covered">Communities with an adviser in force today.</param>
/// <param name="Total">Communities of the street in the reader's scope.</param>
/// <param name="Uncovered">The communities without an adviser today.</param>
public sealed record CoverageStreet(GridUnitInfo? Street, int Covered, int Total, IReadOnlyList<GridUnitInfo> Uncovered);

/// <summary>A term that ends soon.</summary>
public sealed record EndingTerm(AdviserAssignment Assignment, GridUnitInfo Community, string LawyerName);

/// <summary>The coverage report: streets with their counts, the overall counts, the terms ending within 30 days.</summary>
public sealed record Coverage(DateOnly Today, IReadOnlyList<CoverageStreet> Streets, int Covered, int Total, IReadOnlyList<EndingTerm> Ending);

/// <summary>
/// Which communities in the reader's scope have a legal adviser in force today (一社区一法律顾问), street by street.
/// </summary>
public sealed class CoverageReport(TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore settingsStore, BookingService booking)
{
    /// <summary>How many days ahead a term's end is reported.</summary>
    public const int EndingWithinDays = 30;

    /// <summary>The report for <paramref name="user"/>'s scope on <paramref name="today"/> (the tenant's local date by default).</summary>
    public async Task<Coverage> BuildAsync(ClaimsPrincipal user, DateOnly? today = null, CancellationToken cancellationToken = default)
    {
        var day = today ?? await booking.TodayAsync(cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var communities = (await grid.GetUnitsInScopeAsync(user, cancellationToken))
            .Where(u => u.Depth == settings.CommunityDepth && u.Kind == GridUnitKind.Territorial).ToList();
        var codes = communities.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        // Terms are few (one or two per community); the date test is done here so it does not depend on how a provider compares converted dates.
        var terms = (await db.Set<AdviserAssignment>().AsNoTracking().ToListAsync(cancellationToken)).Where(a => codes.Contains(a.GridUnitCode)).ToList();
        var covered = terms.Where(a => a.StartsOn <= day && a.EndsOn >= day).Select(a => a.GridUnitCode).ToHashSet(StringComparer.Ordinal);
        var streets = new List<CoverageStreet>();
        foreach (var group in communities.GroupBy(c => c.ParentCode ?? ""))
        {
            var street = group.Key.Length == 0 ? null : await grid.FindAsync(group.Key, cancellationToken);
            var list = group.ToList();
            streets.Add(new CoverageStreet(street, list.Count(c => covered.Contains(c.Code)), list.Count, [.. list.Where(c => !covered.Contains(c.Code))]));
        }

        var until = day.AddDays(EndingWithinDays);
        var ending = terms.Where(a => a.StartsOn <= day && a.EndsOn >= day && a.EndsOn <= until).OrderBy(a => a.EndsOn).ToList();
        var lawyerIds = ending.Select(a => a.LawyerId).Distinct().ToList();
        var names = await db.Set<Lawyer>().AsNoTracking().Where(l => lawyerIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);
        var byCode = communities.ToDictionary(c => c.Code, StringComparer.Ordinal);
        return new Coverage(day, streets, streets.Sum(s => s.Covered), streets.Sum(s => s.Total),
            [.. ending.Select(a => new EndingTerm(a, byCode[a.GridUnitCode], names.GetValueOrDefault(a.LawyerId, "")))]);
    }

    /// <summary>The report's rows for the spreadsheet: one per community without an adviser, then the counts per street.</summary>
    public static IEnumerable<Dictionary<string, object>> Rows(Coverage coverage, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var en = culture?.TwoLetterISOLanguageName == "en";
        foreach (var street in coverage.Streets)
        {
            var streetName = street.Street?.DisplayName(culture!) ?? "";
            yield return new Dictionary<string, object>
            {
                [en ? "Street" : "街道"] = streetName,
                [en ? "Community" : "社区"] = en ? "(all)" : "（合计）",
                [en ? "Code" : "编码"] = street.Street?.Code ?? "",
                [en ? "Covered" : "已配备"] = street.Covered,
                [en ? "Total" : "社区数"] = street.Total,
            };
            foreach (var community in street.Uncovered)
            {
                yield return new Dictionary<string, object>
                {
                    [en ? "Street" : "街道"] = streetName,
                    [en ? "Community" : "社区"] = community.DisplayName(culture!),
                    [en ? "Code" : "编码"] = community.Code,
                    [en ? "Covered" : "已配备"] = 0,
                    [en ? "Total" : "社区数"] = 1,
                };
            }
        }
    }
}
