using System.Globalization;
using GovPlatform.Contents;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.RedGrid.Lists;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.RedGrid.Site;

/// <summary>A party-building news item as the red grid page lists it.</summary>
public sealed record PartyNewsLink(string Title, string Path, string? Summary, string? Organisation, DateTime? PublishedUtc);

/// <summary>The latest party-building news, and where the type's public list is (null when the type has none).</summary>
public sealed record PartyNewsBlock(string TypeName, IReadOnlyList<PartyNewsLink> Items, string? ListPath);

/// <summary>A completed project on the red grid page: what, where, who benefited; never a person's name or phone.</summary>
public sealed record LandingProject(string Title, string UnitName, string ResidentUnit, ResourceType Type, int Beneficiaries, DateOnly? CompletedOn);

/// <summary>Everything the public red grid page shows; each block is null or empty when the tenant has nothing for it.</summary>
public sealed record LandingView(CoverageRow? Coverage, PartyNewsBlock? News, IReadOnlyDictionary<CentreLevel, int> Centres, IReadOnlyList<LandingProject> Projects, int ProjectsTotal);

/// <summary>
/// The public red grid page's figures: the district's coverage (from <see cref="CoverageService"/>), the latest published
/// <see cref="PartyNewsType"/> items through the contents module's <see cref="IContentManager"/> (only when the tenant has
/// the contents feature and the type: the red grid does not depend on contents), active centres per level and the latest
/// completed public projects. Aggregates and published texts only: no member's personal data.
/// </summary>
public sealed class RedGridLanding(CoverageService coverage, ProjectBoard projects, IGridDirectory grid, TenantDbContext db, IServiceProvider services)
{
    /// <summary>The content type whose items are the party-building news (a recipe defines it; see docs/admin.md).</summary>
    public const string PartyNewsType = "PartyNews";

    /// <summary>How many news items and projects the page shows.</summary>
    public const int LatestCount = 4;

    /// <summary>The page's figures.</summary>
    public async Task<LandingView> LoadAsync(CancellationToken cancellationToken = default)
    {
        // The grid first (coverage reads it): its first load opens its own transaction.
        var report = await coverage.ComputeAsync(null, cancellationToken);
        var centres = await db.Set<ServiceCentre>().AsNoTracking().Where(c => c.Active)
            .GroupBy(c => c.Level).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var (rows, total) = await projects.PublicAsync(null, 1, LatestCount, cancellationToken);
        var latest = new List<LandingProject>(rows.Count);
        foreach (var row in rows)
        {
            var unit = (await grid.FindAsync(row.GridUnitCode, cancellationToken))?.DisplayName(CultureInfo.CurrentUICulture) ?? row.GridUnitCode;
            latest.Add(new LandingProject(row.Title, unit, row.ResidentUnit, row.Type, row.Beneficiaries, row.CompletedOn));
        }

        return new LandingView(report?.Total, await NewsAsync(cancellationToken), centres, latest, total);
    }

    private async Task<PartyNewsBlock?> NewsAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IContentDefinitionStore>() is not { } definitions || services.GetService<IContentManager>() is not { } contents
            || await definitions.GetAsync(PartyNewsType, cancellationToken) is not { } type)
        {
            return null;
        }

        var page = await contents.QueryAsync(new ContentQuery
        {
            ContentType = PartyNewsType,
            PublishedOnly = true,
            Order = ContentListOrder.Newest,
            PageSize = LatestCount,
        }, cancellationToken);
        var items = page.Items.Select(i => new PartyNewsLink(
            i.DisplayText,
            i.Slug ?? "contents/" + Uri.EscapeDataString(i.ContentItemId),
            Text(i, "summary"),
            Text(i, "organisation"),
            i.PublishedUtc)).ToList();
        return new PartyNewsBlock(type.DisplayName.For(CultureInfo.CurrentUICulture), items, string.IsNullOrEmpty(type.List?.Slug) ? null : type.List.Slug);
    }

    private static string? Text(ContentItem item, string field) =>
        item.Fields[field] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
