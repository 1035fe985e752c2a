using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// Coverage arithmetic on a generated grid (3 streets × 3 communities × 4 grids) with branches and courtyard groups
/// placed by a seeded random draw: every level's figures equal what the test counts itself, inactive organisations and
/// courtyards do not count, a branch on a community is not a grid's, and the gaps are listed.
/// </summary>
public sealed class CoverageTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_level_counts_the_grids_with_a_branch_and_the_courtyards_with_a_group_below_it(string provider)
    {
        await using var host = await new TestHost().WithGeneratedRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var random = new Random(20261126);
        var gridCodes = (from s in Enumerable.Range(1, 3) from c in Enumerable.Range(1, 3) from g in Enumerable.Range(1, 4) select $"G-{s}-{c}-{g}").ToList();
        var branched = gridCodes.Where(_ => random.NextDouble() < 0.7).ToHashSet();
        var courtyards = new List<Courtyard>();
        var groupedIds = new HashSet<long>();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            courtyards.AddRange(gridCodes.SelectMany(code => Enumerable.Range(1, random.Next(0, 4)).Select(i => new Courtyard { GridUnitCode = code, Name = $"{code}院{i}", Buildings = 2, Households = 60, Active = true })));
            courtyards.Add(new Courtyard { GridUnitCode = "G-1-1-1", Name = "已拆迁院", Active = false });
            await RedGridTestData.SaveAsync(scope.ServiceProvider, [.. courtyards]);
            var rows = new List<object>();
            rows.AddRange(branched.Select(code => RedGridTestData.Organisation($"{code}-zb", OrganisationKind.GridBranch, code)));
            rows.Add(RedGridTestData.Organisation("dissolved", OrganisationKind.GridBranch, gridCodes.First(c => !branched.Contains(c)), active: false));
            rows.Add(RedGridTestData.Organisation("community-zb", OrganisationKind.GridBranch, "G-3-3"));   // not a grid: no grid's branch
            var grouped = courtyards.Where(c => c.Active && random.NextDouble() < 0.6).ToList();
            rows.AddRange(grouped.Select(c => RedGridTestData.Organisation($"xz-{c.Id}", OrganisationKind.CourtyardGroup, c.GridUnitCode, c.Id)));
            rows.Add(RedGridTestData.Organisation("hh-1", OrganisationKind.MemberHousehold, "G-2-1-1"));
            rows.Add(RedGridTestData.Organisation("hh-2", OrganisationKind.MemberHousehold, "G-2-1-2"));
            await RedGridTestData.SaveAsync(scope.ServiceProvider, [.. rows]);
            groupedIds.UnionWith(grouped.Select(c => c.Id));
        }

        await using var check = await host.ScopeAsync("alpha");
        var coverage = check.ServiceProvider.GetRequiredService<CoverageService>();
        var active = courtyards.Where(c => c.Active).ToList();

        void AssertRow(CoverageRow row, string prefix)
        {
            bool Under(string code) => code == prefix || code.StartsWith(prefix + "-", StringComparison.Ordinal);
            Assert.Equal(gridCodes.Count(Under), row.Grids);
            Assert.Equal(branched.Count(Under), row.GridsCovered);
            Assert.Equal(active.Count(c => Under(c.GridUnitCode)), row.Courtyards);
            Assert.Equal(active.Count(c => Under(c.GridUnitCode) && groupedIds.Contains(c.Id)), row.CourtyardsCovered);
        }

        var district = (await coverage.ComputeAsync(null))!;
        Assert.Equal("G", district.Root.Code);
        AssertRow(district.Total, "G");
        Assert.Equal(["G-1", "G-2", "G-3"], district.Rows.Select(r => r.Unit.Code));
        foreach (var row in district.Rows)
        {
            AssertRow(row, row.Unit.Code);
        }

        Assert.Equal(2, district.Total.Households);
        Assert.Equal(gridCodes.Where(c => !branched.Contains(c)).Order(StringComparer.Ordinal), district.GridsWithoutBranch.Select(g => g.Code));
        Assert.Equal(active.Count(c => !groupedIds.Contains(c.Id)), district.CourtyardsWithoutGroup.Count);

        var street = (await coverage.ComputeAsync("G-2"))!;
        AssertRow(street.Total, "G-2");
        Assert.Equal(3, street.Rows.Count);
        Assert.All(street.Rows, r => AssertRow(r, r.Unit.Code));
        var grid = (await coverage.ComputeAsync("G-2-1-1"))!;
        Assert.Equal(1, grid.Total.Grids);
        Assert.Equal(1, grid.Total.Households);
        Assert.Empty(grid.Rows);
        Assert.Null(await coverage.ComputeAsync("nowhere"));
    }
}
