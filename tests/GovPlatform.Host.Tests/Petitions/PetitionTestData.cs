using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Models;
using GovPlatform.Petitions.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>
/// A tenant with the petitions hall on the grid of <see cref="GridTestData"/>: a small duty list, a calendar with one
/// holiday and one make-up day, and users for every role of the loop.
/// Users (password <see cref="GridTestData.StaffPassword"/>): admin (tenant-wide), staff (community staff of D-01-01),
/// street (street admin of D-02), street1 (street admin of D-01), worker (grid worker of D-01-01-01),
/// dept (department handler, tenant-wide), leader (street admin of D: approves transfers).
/// </summary>
internal static class PetitionTestData
{
    /// <summary>Inside grid D-01-01-01 (community D-01-01, street D-01).</summary>
    public static readonly (double Longitude, double Latitude) InFirstGrid = (GridTestData.X(0.5), GridTestData.Y(0.5));

    /// <summary>Inside community D-02-01 (street D-02), which has no grids.</summary>
    public static readonly (double Longitude, double Latitude) InEastCommunity = (GridTestData.X(3), GridTestData.Y(1));

    public static JsonObject PetitionsStep(JsonObject? settings = null) => new()
    {
        ["name"] = "petitions",
        ["departments"] = new JsonArray(
            Department("chengguan", "区城市管理和综合执法局", "Urban management bureau"),
            Department("zhujian", "区住房和城乡建设局", "Housing and construction bureau"),
            Department("sifa", "区司法局", "Justice bureau")),
        ["categories"] = new JsonArray(
            Category("01", "安全隐患", "Safety hazards",
                Item("0101", "燃气泄漏隐患", "Gas leak hazard", "zhujian", "2h", false),
                Item("0102", "消防通道堵塞", "Blocked fire lane", "chengguan", "4h", true)),
            Category("02", "矛盾纠纷", "Disputes",
                Item("0201", "邻里纠纷", "Neighbour dispute", "sifa", "3d", true),
                Item("0202", "物业纠纷", "Property management dispute", "zhujian", "5d", false)),
            Category("03", "政策咨询", "Policy questions")),
        ["settings"] = settings ?? new JsonObject { ["warnBeforeHours"] = 2, ["ratingDays"] = 7, ["reopenDays"] = 15 },
    };

    /// <summary>Mon–Fri 09:00–12:00 and 13:00–17:00; 2026-10-01..07 off (National Day), Sunday 2026-09-27 worked.</summary>
    public static JsonObject CalendarStep() => new()
    {
        ["name"] = "calendar",
        ["workingDays"] = new JsonArray("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
        ["hours"] = new JsonArray(
            new JsonObject { ["start"] = "09:00", ["end"] = "12:00" },
            new JsonObject { ["start"] = "13:00", ["end"] = "17:00" }),
        ["holidays"] = new JsonArray([.. Enumerable.Range(1, 7).Select(d => (JsonNode)new JsonObject { ["date"] = $"2026-10-0{d}", ["name"] = "国庆节" })]),
        ["makeUpDays"] = new JsonArray(new JsonObject { ["date"] = "2026-09-27", ["name"] = "国庆节调休" }),
    };

    /// <summary>The grid tenant of <see cref="GridTestData"/> with the petitions hall, its catalogue, calendar and users.</summary>
    public static TestHost WithPetitionTenant(this TestHost host, string name, JsonObject? settings = null)
    {
        host.WithGridTenant(name);
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        recipe["steps"]![0]!["enable"]!.AsArray().Add("GovPlatform.Petitions");
        var steps = recipe["steps"]!.AsArray();
        steps.Add(CalendarStep());
        steps.Add(PetitionsStep(settings));
        foreach (var step in IdentityTestSupport.UsersStep(
            ("street1", GridTestData.StaffPassword, ["StreetAdmin"], ["D-01"]),
            ("worker", GridTestData.StaffPassword, ["GridWorker"], ["D-01-01-01"]),
            ("dept", GridTestData.StaffPassword, ["DepartmentHandler"], []),
            ("leader", GridTestData.StaffPassword, ["StreetAdmin"], ["D"])))
        {
            steps.Add(step!.DeepClone());
        }

        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>The signed-in principal of <paramref name="userName"/>, as its sign-in cookie would carry it.</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string userName)
    {
        var users = services.GetRequiredService<UserManager<GovUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<GovUser>>().CreateAsync(user);
    }

    /// <summary>An online submission inside grid D-01-01-01 of category 0201 (neighbour dispute, 3 working days).</summary>
    public static PetitionSubmission Online(string description = "楼上邻居每天深夜装修，噪音很大，多次沟通无果。", string phone = "13912345678") =>
        new(GovPlatform.Petitions.PetitionChannel.Online)
        {
            CategoryCode = "0201",
            Description = description,
            ContactName = "张女士",
            ContactPhone = phone,
            Longitude = InFirstGrid.Longitude,
            Latitude = InFirstGrid.Latitude,
        };

    private static JsonObject Department(string code, string zh, string en) => new() { ["code"] = code, ["name"] = Name(zh, en) };

    private static JsonObject Category(string code, string zh, string en, params JsonObject[] items) =>
        new() { ["code"] = code, ["name"] = Name(zh, en), ["items"] = new JsonArray([.. items]) };

    private static JsonObject Item(string code, string zh, string en, string department, string deadline, bool onTheSpot) => new()
    {
        ["code"] = code,
        ["name"] = Name(zh, en),
        ["department"] = department,
        ["deadline"] = deadline,
        ["onTheSpot"] = onTheSpot,
    };

    private static JsonObject Name(string zh, string en) => new() { ["zh-CN"] = zh, ["en"] = en };
}
