using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Recipes;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>The <c>mediation</c> recipe step, and each district's bodies and rules from its recipe.</summary>
public sealed class BodiesRecipeTests
{
    private const string Step = """
        { "name": "mediation", "settings": { "followUpDays": 20, "defaultPetitionCategory": "0201", "petitionCategories": { "Family": "0202" } },
          "bodies": [ { "code": "d0101-wulao-2", "kind": "EldersStudio", "name": { "zh-CN": "二号五老工作室", "en": "Studio two" }, "gridUnit": "D-01-01",
            "opens": "09:00", "closes": "16:30", "capacity": 3,
            "mediators": [ { "name": "老周", "role": "Elder", "background": "Cadre", "userName": "elder2" }, { "name": "老吴", "role": "Elder", "background": "Soldier" } ] } ] }
        """;

    private static async Task RunAsync(IServiceProvider services, string json)
    {
        using var document = JsonDocument.Parse(json);
        var step = services.GetServices<IRecipeStep>().Last(s => s.Name == "mediation");
        await step.ExecuteAsync(new RecipeStepContext("test", 0, document.RootElement, services.GetRequiredService<ITenant>(), services), default);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_step_adds_bodies_once_and_refuses_an_invalid_list_whole_with_a_clear_message(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        await RunAsync(services, Step);
        await RunAsync(services, Step);
        var db = services.GetRequiredService<TenantDbContext>();
        var body = await db.Set<MediationBody>().AsNoTracking().SingleAsync(b => b.Code == "d0101-wulao-2");
        Assert.Equal((MediationBodyKind.EldersStudio, "Studio two", new TimeOnly(16, 30)), (body.Kind, body.EnglishName, body.ClosesAt!.Value));
        Assert.Equal(2, await db.Set<Mediator>().CountAsync(m => m.BodyId == body.Id));
        var settings = await services.GetRequiredService<MediationSettingsStore>().GetAsync();
        Assert.Equal((20, "0201", "0202"), (settings.FollowUpDays, settings.DefaultPetitionCategory, settings.PetitionCategories["Family"]));

        var invalid = """
            { "name": "mediation", "bodies": [
              { "code": "new-one", "kind": "Committee", "name": { "zh-CN": "新委员会", "en": "New" }, "gridUnit": "D-02" },
              { "code": "bad-unit", "kind": "Committee", "name": { "zh-CN": "坏", "en": "Bad" }, "gridUnit": "Z-9",
                "mediators": [ { "name": "老孙", "role": "Elder" } ] } ] }
            """;
        var refused = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, invalid));
        Assert.Contains("bodies[1] (bad-unit).gridUnit: The district's grid has no unit 'Z-9'.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bodies[1] (bad-unit).mediators[0].background", refused.Message, StringComparison.Ordinal);
        Assert.False(await db.Set<MediationBody>().AnyAsync(b => b.Code == "new-one"));

        var badSettings = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """{ "name": "mediation", "settings": { "petitionCategories": { "Noise": "0201" } } }"""));
        Assert.Contains("no dispute type 'Noise'", badSettings.Message, StringComparison.Ordinal);
        var badKind = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """{ "name": "mediation", "bodies": [ { "code": "x1", "kind": "Tribunal" } ] }"""));
        Assert.Contains("'bodies' is not valid", badKind.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zhanqian", 44, 20, 10, "0201")]
    [InlineData("lianhu", 19, 0, 0, "0201")]
    [InlineData("wanyuan", 31, 0, 0, "0201")]
    [InlineData("yuexiu", 43, 0, 0, "0201")]
    [InlineData("xinhua", 3, 0, 0, "0101")]
    public async Task Each_district_sets_up_its_bodies_and_rules(string tenant, int bodies, int studios, int rooms, string category)
    {
        await using var host = new TestHost().WithRepositoryTenants()
            .WithTenant("xinhua", definition: json => json["Recipe"] = "street-centre");
        host.Start();
        await using var scope = await host.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var all = await db.Set<MediationBody>().AsNoTracking().ToListAsync();
        Assert.Equal(bodies, all.Count);
        Assert.Equal(studios, all.Count(b => b.Kind == MediationBodyKind.EldersStudio));
        Assert.Equal(rooms, all.Count(b => b.Kind == MediationBodyKind.NamedRoom));
        Assert.Contains(all, b => b.Kind == MediationBodyKind.CentreRoom);
        var mediators = await db.Set<Mediator>().AsNoTracking().ToListAsync();
        Assert.All(all, b => Assert.Contains(mediators, m => m.BodyId == b.Id));
        Assert.All(mediators.Where(m => m.Role == MediatorRole.Elder), m => Assert.NotEqual(ElderBackground.None, m.Background));
        var settings = await scope.ServiceProvider.GetRequiredService<MediationSettingsStore>().GetAsync();
        Assert.Equal(category, settings.DefaultPetitionCategory);
        if (tenant == "zhanqian")
        {
            Assert.Contains(all, b => b.Kind == MediationBodyKind.EldersStudio && b.Name == "五大门社区五老调解工作室" && b.GridUnitCode == "210802-01-001");
            Assert.Equal(2, all.Count(b => b.Kind == MediationBodyKind.CounsellingRoom));
            Assert.Contains(all, b => b.Kind == MediationBodyKind.JointStation);
        }
    }
}
