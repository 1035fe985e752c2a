using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The stations, firm, lawyers and adviser term of <see cref="LegalAidTestData.SeedAsync"/> as a <c>legalaid</c> recipe
/// step of the tenant, for hosts whose tests cannot reach the tenant's services before they start (the browser tests).
/// </summary>
internal static class LegalAidBrowserData
{
    /// <summary>Appends the <c>legalaid</c> step to the tenant's recipe (after its users, so lawyer 李明 links to <c>lawyer1</c>).</summary>
    public static TestHost WithLegalAidData(this TestHost host, string name)
    {
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        recipe["steps"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "legalaid",
            ["stations"] = new JsonArray(
                Station("district-centre", "DistrictCentre", "测试区公共法律服务中心", "D", 0.5, 0.5, "09:00", "12:00", 30, 2, "Consultation", "LegalAid", "Mediation"),
                Station("street-centre", "StreetCentre", "一街公共法律服务工作站", "D-01", 1.5, 0.5, "09:00", "11:00", 60, 1, "Consultation", "Mediation"),
                Station("procuratorate-aid", "AidWorkstation", "检察院法律援助工作站", "D", 3, 1, null, null, 30, 0, "LegalAid")),
            ["firms"] = new JsonArray(new JsonObject { ["name"] = "广东测试律师事务所", ["englishName"] = "Test Law Firm" }),
            ["lawyers"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "李明",
                    ["firm"] = "广东测试律师事务所",
                    ["licenceNumber"] = "14401201910000001",
                    ["phone"] = "13800000001",
                    ["specialities"] = "婚姻家庭、劳动争议",
                    ["userName"] = "lawyer1",
                },
                new JsonObject
                {
                    ["name"] = "王芳",
                    ["firm"] = "广东测试律师事务所",
                    ["licenceNumber"] = "14401201910000002",
                    ["phone"] = "13800000002",
                    ["userName"] = "lawyer2",
                }),
            ["assignments"] = new JsonArray(new JsonObject
            {
                ["community"] = "D-01-01",
                ["lawyer"] = "14401201910000001",
                ["startsOn"] = "2026-01-01",
                ["endsOn"] = "2027-12-31",
                ["place"] = "一社区居委会二楼法律服务室",
                ["hours"] = "每周三 14:30–16:30",
                ["openDays"] = new JsonArray("Wednesday"),
                ["opens"] = "14:30",
                ["closes"] = "16:30",
                ["slotMinutes"] = 30,
                ["slotCapacity"] = 1,
                ["daysAhead"] = 14,
            }),
        });
        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());

        static JsonObject Station(
            string code, string kind, string name, string unit, double x, double y, string? opens, string? closes, int minutes, int capacity, params string[] services)
        {
            var station = new JsonObject
            {
                ["code"] = code,
                ["kind"] = kind,
                ["name"] = new JsonObject { ["zh-CN"] = name, ["en"] = code },
                ["gridUnit"] = unit,
                ["address"] = $"{name}地址",
                ["longitude"] = GridTestData.X(x),
                ["latitude"] = GridTestData.Y(y),
                ["services"] = new JsonArray([.. services.Select(s => JsonValue.Create(s))]),
                ["hours"] = "周一至周五",
                ["phone"] = "020-12348",
                ["openDays"] = new JsonArray("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
                ["opens"] = opens,
                ["closes"] = closes,
                ["slotMinutes"] = minutes,
                ["slotCapacity"] = capacity,
                ["daysAhead"] = 14,
            };
            if (kind == "AidWorkstation")
            {
                station["hostOrganisation"] = "测试区人民检察院";
            }

            return station;
        }
    }
}
