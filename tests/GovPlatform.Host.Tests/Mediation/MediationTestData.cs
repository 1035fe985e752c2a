using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Petitions;
using GovPlatform.Mediation.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>
/// The petitions tenant of <see cref="PetitionTestData"/> with mediation on. Extra users (password
/// <see cref="GridTestData.StaffPassword"/>): <c>elder</c> (Mediator of community D-01-01, the studio's mediator account),
/// <c>elder2</c> (Mediator of D-01-01 without a mediator record), <c>worker</c> (grid worker of D-01-01-01, from the petitions data).
/// Grid: D (district) → D-01, D-02 (streets) → D-01-01, D-02-01 (communities) → D-01-01-01/02 (grids).
/// </summary>
internal static class MediationTestData
{
    /// <summary>Duty-list item the ledger files disputes under in the petitions hall (邻里纠纷 of the petitions data).</summary>
    public const string DisputeCategory = "0201";

    /// <summary>The petitions tenant with mediation enabled and its extra users; the rules file disputes under <see cref="DisputeCategory"/>.</summary>
    public static TestHost WithMediationTenant(this TestHost host, string name, JsonObject? petitionSettings = null)
    {
        host.WithPetitionTenant(name, petitionSettings);
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        recipe["steps"]![0]!["enable"]!.AsArray().Add("GovPlatform.Mediation");
        var steps = recipe["steps"]!.AsArray();
        foreach (var step in IdentityTestSupport.UsersStep(
            ("elder", GridTestData.StaffPassword, ["Mediator"], ["D-01-01"]),
            ("elder2", GridTestData.StaffPassword, ["Mediator"], ["D-01-01"])))
        {
            steps.Add(step!.DeepClone());
        }

        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>
    /// The same bodies and rules as <see cref="SeedBodiesAsync"/>, as a <c>mediation</c> recipe step of the tenant (for
    /// hosts whose tests cannot reach the tenant's services before they start, such as the browser tests).
    /// </summary>
    public static TestHost WithMediationBodies(this TestHost host, string name)
    {
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        static JsonObject Body(string code, string kind, string zh, string unit, params JsonObject[] mediators) => new()
        {
            ["code"] = code,
            ["kind"] = kind,
            ["name"] = new JsonObject { ["zh-CN"] = zh, ["en"] = code },
            ["gridUnit"] = unit,
            ["hours"] = "周一至周五 9:00-17:00",
            ["opens"] = "09:00",
            ["closes"] = "17:00",
            ["capacity"] = 4,
            ["mediators"] = new JsonArray([.. mediators]),
        };
        static JsonObject Person(string zh, string role, string? background = null, string? userName = null) => new()
        {
            ["name"] = zh,
            ["role"] = role,
            ["background"] = background,
            ["userName"] = userName,
        };
        recipe["steps"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "mediation",
            ["settings"] = new JsonObject { ["defaultPetitionCategory"] = DisputeCategory },
            ["bodies"] = new JsonArray(
                Body("d0101-wulao", "EldersStudio", "一社区五老调解工作室", "D-01-01", Person("老李", "Elder", "PartyMember", "elder"), Person("老王", "Elder", "Soldier")),
                Body("d01-committee", "Committee", "一街道人民调解委员会", "D-01", Person("老赵", "Mediator")),
                Body("d-centre", "CentreRoom", "区综治中心矛盾纠纷调处室", "D", Person("老钱", "Mediator"))),
        });
        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>
    /// Adds the test bodies through the context (independent of the <c>mediation</c> recipe step) and the rules that
    /// file disputes in the petitions hall: the 五老 studio of D-01-01 (mediators 老李 with account <c>elder</c>, 老王),
    /// the people's mediation committee of street D-01 (老赵), the district centre's room at D (老钱).
    /// </summary>
    public static async Task<TestBodies> SeedBodiesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var now = DateTime.UtcNow;
        MediationBody Body(string code, MediationBodyKind kind, string name, string unit) => new()
        {
            Code = code,
            Kind = kind,
            Name = name,
            EnglishName = code,
            GridUnitCode = unit,
            Hours = "周一至周五 9:00-17:00",
            OpensAt = new TimeOnly(9, 0),
            ClosesAt = new TimeOnly(17, 0),
            Capacity = 4,
            Active = true,
            UpdatedUtc = now,
        };
        var studio = Body("d0101-wulao", MediationBodyKind.EldersStudio, "一社区五老调解工作室", "D-01-01");
        var committee = Body("d01-committee", MediationBodyKind.Committee, "一街道人民调解委员会", "D-01");
        var centre = Body("d-centre", MediationBodyKind.CentreRoom, "区综治中心矛盾纠纷调处室", "D");
        db.AddRange(studio, committee, centre);
        await db.SaveChangesAsync();
        var li = new Mediator { BodyId = studio.Id, Name = "老李", Role = MediatorRole.Elder, Background = ElderBackground.PartyMember, UserName = "elder", Active = true };
        var wang = new Mediator { BodyId = studio.Id, Name = "老王", Role = MediatorRole.Elder, Background = ElderBackground.Soldier, Active = true };
        var zhao = new Mediator { BodyId = committee.Id, Name = "老赵", Role = MediatorRole.Mediator, Active = true };
        var qian = new Mediator { BodyId = centre.Id, Name = "老钱", Role = MediatorRole.Mediator, Active = true };
        db.AddRange(li, wang, zhao, qian);
        await services.GetRequiredService<GovPlatform.Mediation.Services.MediationSettingsStore>()
            .SaveAsync(new MediationSettings { DefaultPetitionCategory = DisputeCategory });
        await db.SaveChangesAsync();
        return new TestBodies(studio.Id, committee.Id, centre.Id, li.Id, wang.Id, zhao.Id, qian.Id);
    }

    /// <summary>The ids of the bodies and mediators seeded before (by <see cref="SeedBodiesAsync"/> or <see cref="WithMediationBodies"/>).</summary>
    public static async Task<TestBodies> BodiesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var bodies = await db.Set<MediationBody>().AsNoTracking().ToDictionaryAsync(b => b.Code, b => b.Id);
        var mediators = await db.Set<Mediator>().AsNoTracking().ToDictionaryAsync(m => m.Name, m => m.Id);
        return new TestBodies(bodies["d0101-wulao"], bodies["d01-committee"], bodies["d-centre"], mediators["老李"], mediators["老王"], mediators["老赵"], mediators["老钱"]);
    }

    /// <summary>The ids of the seeded bodies and mediators.</summary>
    public sealed record TestBodies(long Studio, long Committee, long Centre, long Li, long Wang, long Zhao, long Qian);
}
