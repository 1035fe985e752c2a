using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Models;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// The grid tenant of <see cref="GridTestData"/> with volunteer points on. Users (password
/// <see cref="GridTestData.StaffPassword"/>): admin (tenant-wide), staff (community staff of D-01-01), street (street
/// admin of D-02), and from here worker (grid worker of D-01-01-01), street1 (street admin of D-01), and citizens
/// citizen1–citizen3 (role Citizen, no units). Grid: D → D-01, D-02 → D-01-01, D-02-01 → D-01-01-01/02.
/// </summary>
internal static class PointsTestData
{
    public static TestHost WithPointsTenant(this TestHost host, string name)
    {
        host.WithGridTenant(name);
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        recipe["steps"]![0]!["enable"]!.AsArray().Add("GovPlatform.Points");
        var steps = recipe["steps"]!.AsArray();
        foreach (var step in IdentityTestSupport.UsersStep(
            ("worker", GridTestData.StaffPassword, ["GridWorker"], ["D-01-01-01"]),
            ("street1", GridTestData.StaffPassword, ["StreetAdmin"], ["D-01"]),
            ("citizen1", GridTestData.StaffPassword, ["Citizen"], []),
            ("citizen2", GridTestData.StaffPassword, ["Citizen"], []),
            ("citizen3", GridTestData.StaffPassword, ["Citizen"], [])))
        {
            steps.Add(step!.DeepClone());
        }

        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>Approved volunteers straight into the table (no accounts needed), in <paramref name="unit"/>; their ids.</summary>
    public static async Task<List<long>> VolunteersAsync(IServiceProvider services, int count, string unit = "D-01-01-01", string prefix = "v")
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var now = DateTime.UtcNow;
        var volunteers = Enumerable.Range(1, count).Select(i => new Volunteer
        {
            UserName = $"{prefix}{i}",
            RealName = $"志愿者{i}",
            Phone = $"139{i:D8}",
            GridUnitCode = unit,
            Status = VolunteerStatus.Approved,
            PublicConsent = true,
            RegisteredUtc = now,
            UpdatedUtc = now,
            Version = 1,
        }).ToList();
        db.AddRange(volunteers);
        await db.SaveChangesAsync();
        return [.. volunteers.Select(v => v.Id)];
    }
}
