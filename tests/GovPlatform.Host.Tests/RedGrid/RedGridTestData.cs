using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// Tenants with the red grid on. <see cref="WithRedGridTenant"/>: the small grid of <see cref="GridTestData"/> and its
/// users (admin, staff of D-01-01, street of D-02) plus street1 (StreetAdmin D-01), worker (GridWorker D-01-01-01).
/// <see cref="WithGeneratedRedGridTenant"/>: a generated grid — district G, streets G-1…G-s, communities G-s-c, grids
/// G-s-c-g (4 levels, unit squares side by side) — with the same users on its units (staff: G-1-1, street: G-2).
/// </summary>
internal static class RedGridTestData
{
    public static TestHost WithRedGridTenant(this TestHost host, string name)
    {
        host.WithGridTenant(name);
        return AddRedGrid(host, name, ("street1", ["StreetAdmin"], ["D-01"]), ("worker", ["GridWorker"], ["D-01-01-01"]));
    }

    /// <summary>A tenant whose grid has <paramref name="streets"/> × <paramref name="communities"/> × <paramref name="grids"/> grids.</summary>
    public static TestHost WithGeneratedRedGridTenant(this TestHost host, string name, int streets = 3, int communities = 3, int grids = 4)
    {
        var features = new JsonArray { Feature("G", "生成区", 1, null, 0, 0, streets * communities * grids, 1) };
        var x = 0;
        for (var s = 1; s <= streets; s++)
        {
            features.Add(Feature($"G-{s}", $"第{s}街道", 2, "G", x, 0, communities * grids, 1));
            for (var c = 1; c <= communities; c++)
            {
                features.Add(Feature($"G-{s}-{c}", $"第{s}街道第{c}社区", 3, $"G-{s}", x, 0, grids, 1));
                for (var g = 1; g <= grids; g++)
                {
                    features.Add(Feature($"G-{s}-{c}-{g}", $"第{s}-{c}-{g}网格", 4, $"G-{s}-{c}", x++, 0, 1, 1));
                }
            }
        }

        host.WriteFile($"{name}/grid.geojson", new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString());
        var steps = new JsonArray { GridTestData.GridStep(workers: null) };
        foreach (var step in IdentityTestSupport.UsersStep(
            ("admin", IdentityTestSupport.AdminPassword, ["Administrator"], []),
            ("staff", GridTestData.StaffPassword, ["CommunityStaff"], ["G-1-1"]),
            ("street", GridTestData.StaffPassword, ["StreetAdmin"], ["G-2"])))
        {
            steps.Add(step!.DeepClone());
        }

        host.WithTenant(name, ["GovPlatform.Grid", "GovPlatform.RedGrid", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"], extraSteps: steps);
        return host;
    }

    /// <summary>An organisation straight into the table.</summary>
    public static PartyOrganisation Organisation(string code, OrganisationKind kind, string unit, long? courtyardId = null, bool active = true) => new()
    {
        Code = code,
        Kind = kind,
        Name = code,
        GridUnitCode = unit,
        CourtyardId = courtyardId,
        Active = active,
        UpdatedUtc = DateTime.UtcNow,
        Version = 1,
    };

    /// <summary>Saves what was added to the tenant's context.</summary>
    public static async Task SaveAsync(IServiceProvider services, params object[] rows)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static TestHost AddRedGrid(TestHost host, string name, params (string Name, string[] Roles, string[] Units)[] users)
    {
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        recipe["steps"]![0]!["enable"]!.AsArray().Add("GovPlatform.RedGrid");
        var steps = recipe["steps"]!.AsArray();
        foreach (var step in IdentityTestSupport.UsersStep([.. users.Select(u => (u.Name, GridTestData.StaffPassword, u.Roles, u.Units))]))
        {
            steps.Add(step!.DeepClone());
        }

        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    private static JsonObject Feature(string code, string name, int level, string? parent, int x, int y, int width, int height) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = JsonNode.Parse(GridTestData.Box(x, y, x + width, y + height)),
        ["properties"] = new JsonObject { ["code"] = code, ["name"] = name, ["level"] = level, ["parent"] = parent, ["households"] = 0 },
    };
}
