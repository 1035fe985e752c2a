using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Petitions;
using GovPlatform.LegalAid.Models;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The petitions tenant of <see cref="PetitionTestData"/> (grid, calendar with National Day 2026-10-01..07 off and
/// Sunday 2026-09-27 worked, duty list, staff users) with legal services on. Extra users (password
/// <see cref="GridTestData.StaffPassword"/>): <c>lawyer1</c> (LegalAdviser of community D-01-01, the adviser of
/// <see cref="Seeded.AdviserLawyerId"/>), <c>lawyer2</c> (LegalAdviser of D-02-01, a lawyer without a community),
/// <c>citizen1</c>, <c>citizen2</c> (Citizen). Grid: D → D-01, D-02 → D-01-01, D-02-01 → D-01-01-01/02.
/// </summary>
internal static class LegalAidTestData
{
    /// <summary>A Monday, 08:00 in Asia/Shanghai: slots of the seeded stations open at 09:00 that day.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 9, 21, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The petitions tenant with legal services enabled and the lawyers' and citizens' accounts.</summary>
    public static TestHost WithLegalAidTenant(this TestHost host, string name)
    {
        host.WithPetitionTenant(name);
        var definition = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        recipe["steps"]![0]!["enable"]!.AsArray().Add("GovPlatform.LegalAid");
        var steps = recipe["steps"]!.AsArray();
        foreach (var step in IdentityTestSupport.UsersStep(
            ("lawyer1", GridTestData.StaffPassword, ["LegalAdviser"], ["D-01-01"]),
            ("lawyer2", GridTestData.StaffPassword, ["LegalAdviser"], ["D-02-01"]),
            ("citizen1", GridTestData.StaffPassword, ["Citizen"], []),
            ("citizen2", GridTestData.StaffPassword, ["Citizen"], [])))
        {
            steps.Add(step!.DeepClone());
        }

        return host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>The ids <see cref="SeedAsync"/> made.</summary>
    public sealed record Seeded(long DistrictCentreId, long StreetCentreId, long AidStationId, long FirmId, long AdviserLawyerId, long OtherLawyerId, long AssignmentId);

    /// <summary>
    /// Stations, a firm, two lawyers and one adviser assignment straight into the tables:
    /// the district centre (unit D, Mon–Fri 09:00–12:00, 30-minute slots, 2 places), the street centre of D-01 (Mon–Fri
    /// 09:00–11:00, 60 minutes, 1 place), the procuratorate's aid workstation (unit D, no appointments), and lawyer 李明
    /// (account lawyer1) advising community D-01-01 through 2027 on Wednesdays 14:30–16:30 (30 minutes, 1 place);
    /// community D-02-01 has no adviser.
    /// </summary>
    public static async Task<Seeded> SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var now = DateTime.UtcNow;
        var district = Station("district-centre", StationKind.DistrictCentre, "测试区公共法律服务中心", "D", 0.5, 0.5, new(9, 0), new(12, 0), 30, 2,
            LegalServices.Consultation | LegalServices.LegalAid | LegalServices.Mediation);
        var street = Station("street-centre", StationKind.StreetCentre, "一街公共法律服务工作站", "D-01", 1.5, 0.5, new(9, 0), new(11, 0), 60, 1,
            LegalServices.Consultation | LegalServices.Mediation);
        var aid = Station("procuratorate-aid", StationKind.AidWorkstation, "检察院法律援助工作站", "D", 3, 1, null, null, 30, 0, LegalServices.LegalAid);
        aid.HostOrganisation = "测试区人民检察院";
        db.AddRange(district, street, aid);
        var firm = new LawFirm { Name = "广东测试律师事务所", EnglishName = "Test Law Firm", Active = true, UpdatedUtc = now };
        db.Add(firm);
        await db.SaveChangesAsync();
        var adviser = new Lawyer { FirmId = firm.Id, Name = "李明", LicenceNumber = "14401201910000001", Phone = "13800000001", Specialities = "婚姻家庭、劳动争议", UserName = "lawyer1", Active = true, UpdatedUtc = now };
        var other = new Lawyer { FirmId = firm.Id, Name = "王芳", LicenceNumber = "14401201910000002", Phone = "13800000002", UserName = "lawyer2", Active = true, UpdatedUtc = now };
        db.AddRange(adviser, other);
        await db.SaveChangesAsync();
        var assignment = new AdviserAssignment
        {
            LawyerId = adviser.Id,
            GridUnitCode = "D-01-01",
            StartsOn = new DateOnly(2026, 1, 1),
            EndsOn = new DateOnly(2027, 12, 31),
            Place = "一社区居委会二楼法律服务室",
            Hours = "每周三 14:30–16:30",
            OpenDays = OpenDays.Of(DayOfWeek.Wednesday),
            OpensAt = new TimeOnly(14, 30),
            ClosesAt = new TimeOnly(16, 30),
            SlotMinutes = 30,
            SlotCapacity = 1,
            DaysAhead = 14,
            CreatedBy = "admin",
            CreatedUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        db.Add(assignment);
        await db.SaveChangesAsync();
        return new Seeded(district.Id, street.Id, aid.Id, firm.Id, adviser.Id, other.Id, assignment.Id);

        LegalStation Station(string code, StationKind kind, string name, string unit, double x, double y, TimeOnly? opens, TimeOnly? closes, int minutes, int capacity, LegalServices offered) => new()
        {
            Code = code,
            Kind = kind,
            Name = name,
            EnglishName = code,
            GridUnitCode = unit,
            Address = $"{name}地址",
            Longitude = GridTestData.X(x),
            Latitude = GridTestData.Y(y),
            Services = offered,
            Hours = "周一至周五",
            Phone = "020-12348",
            OpenDays = OpenDays.Weekdays,
            OpensAt = opens,
            ClosesAt = closes,
            SlotMinutes = minutes,
            SlotCapacity = capacity,
            DaysAhead = 14,
            Active = true,
            UpdatedUtc = now,
            Version = 1,
        };
    }
}
