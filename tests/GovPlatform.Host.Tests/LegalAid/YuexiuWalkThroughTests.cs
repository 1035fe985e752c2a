using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using GovPlatform.LegalAid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The walk-through on 越秀 with its own recipe (grid, calendar, 24 stations, 120 lawyers, an adviser for 219 of
/// its 222 communities): a resident of 水均岗社区 finds the nearest station from where they stand, finds the community's
/// adviser and books a slot; the adviser (their account linked to the lawyer) sees the booking on the day's list, records
/// the consultation, which becomes a legal aid application at the street's centre; the street's reviewer grants it and
/// assigns the adviser. Everything through the pages a browser would use, filling the forms they render.
/// </summary>
public sealed class YuexiuWalkThroughTests
{
    private const string Password = "Yuexiu-pass-2026";
    private const string Community = "440104-01-001";   // 水均岗社区, 洪桥街道
    private const string Street = "440104-01";
    private const string Resident = "13922334455";

    [Fact]
    public async Task A_resident_books_the_communitys_adviser_whose_consultation_becomes_a_granted_and_assigned_legal_aid_case()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8)));   // a Monday
        await using var host = new TestHost().WithRepositoryTenants().WithClock(clock);
        host.Start();
        var data = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.TenantsPath, "yuexiu", "legalaid.json"))).RootElement;
        var term = data.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("community").GetString() == Community);
        var licence = term.GetProperty("lawyer").GetString()!;
        var adviserName = data.GetProperty("lawyers").EnumerateArray().Single(l => l.GetProperty("licenceNumber").GetString() == licence).GetProperty("name").GetString()!;
        long lawyerId, streetCentreId;
        await using (var scope = await host.ScopeAsync("yuexiu"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await Create(accounts, "admin", "Administrator", null);
            await Create(accounts, "lvshi", "LegalAdviser", Community);
            await Create(accounts, "jiedao", "StreetAdmin", Street);
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var lawyer = await db.Set<Lawyer>().AsNoTracking().SingleAsync(l => l.LicenceNumber == licence);
            Assert.Null(lawyer.UserName);
            lawyerId = lawyer.Id;
            streetCentreId = (await db.Set<LegalStation>().AsNoTracking().SingleAsync(s => s.Code == "yx-street-01")).Id;
            Assert.Equal(219, await db.Set<AdviserAssignment>().CountAsync(a => a.EndsOn >= new DateOnly(2026, 12, 7)));
        }

        // The district admin links the adviser's account to the lawyer.
        var admin = await host.SignedInAsync("yuexiu", "admin", Password);
        var linked = await HtmlForms.SubmitAsync(admin, $"/yuexiu/admin/legal/advisers/lawyers/{lawyerId}", $"/lawyers/{lawyerId}", ("UserName", "lvshi"));
        Assert.True(linked.StatusCode == HttpStatusCode.Redirect, await linked.Content.ReadAsStringAsync());

        // Standing in the middle of 水均岗社区, the resident asks for the nearest station: the list starts with the one
        // the great-circle distances from the district's own file say is nearest, with its distance.
        var (longitude, latitude) = await CentreOfAsync(host, Community);
        var resident = host.Client();
        var directory = await PageAsync(resident, string.Create(CultureInfo.InvariantCulture, $"/yuexiu/legal?longitude={longitude}&latitude={latitude}"));
        var nearest = data.GetProperty("stations").EnumerateArray()
            .Where(s => s.TryGetProperty("longitude", out _))
            .MinBy(s => Kilometres(longitude, latitude, s.GetProperty("longitude").GetDouble(), s.GetProperty("latitude").GetDouble()));
        var first = new HtmlParser().ParseDocument(directory).QuerySelector("li.legal-station")!;
        Assert.Contains(nearest.GetProperty("name").GetProperty("zh-CN").GetString()!, first.TextContent, StringComparison.Ordinal);
        var shown = first.QuerySelector(".legal-distance")!.TextContent.Trim();   // "770 m", "1.2 km"
        var expected = Kilometres(longitude, latitude, nearest.GetProperty("longitude").GetDouble(), nearest.GetProperty("latitude").GetDouble());
        var parts = shown.Split(' ');
        var km = double.Parse(parts[0], CultureInfo.InvariantCulture) / (parts[1] == "m" ? 1000 : 1);
        Assert.InRange(km, expected * 0.9, expected * 1.1);
        Assert.Contains("<svg", directory, StringComparison.Ordinal);

        // The community's adviser, and the first free slot of this afternoon (Mondays 14:30–17:30 for 水均岗).
        var advisers = await PageAsync(resident, $"/yuexiu/legal/advisers?community={Community}");
        Assert.Contains(adviserName, advisers, StringComparison.Ordinal);
        var bookLink = new HtmlParser().ParseDocument(advisers).QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h?.Contains("legal/book/adviser/", StringComparison.Ordinal) == true)!;
        var slots = await PageAsync(resident, bookLink);
        var slotLink = new HtmlParser().ParseDocument(slots).QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h?.Contains("slot=", StringComparison.Ordinal) == true)!;
        var booked = await HtmlForms.SubmitAsync(resident, slotLink, "/legal/book/adviser/" + bookLink.Split('/')[^1],
            ("CitizenName", "梁伯"), ("Phone", Resident), ("MatterType", nameof(MatterType.Labour)), ("Matter", "在餐馆工作三个月，老板拖欠工资一万二千元。"));
        var confirmation = await HtmlAsync(booked);
        Assert.True(booked.StatusCode == HttpStatusCode.OK, confirmation);
        var code = new HtmlParser().ParseDocument(confirmation).QuerySelector(".legal-code")!.TextContent.Trim();
        Assert.Matches("^[2-9A-HJ-NP-Z]{8}$", code);
        Assert.Contains("14:30", confirmation, StringComparison.Ordinal);

        // At 14:40 the adviser opens the day's list, finds the booking and records the consultation from it.
        clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(40));
        var adviser = await host.SignedInAsync("yuexiu", "lvshi", Password);
        var day = await PageAsync(adviser, "/yuexiu/admin/legal/appointments?date=2026-12-07");
        Assert.Contains("梁伯", day, StringComparison.Ordinal);
        var recordLink = new HtmlParser().ParseDocument(day).QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h?.Contains("consultations/new?appointment=", StringComparison.Ordinal) == true)!;
        var recorded = await HtmlForms.SubmitAsync(adviser, recordLink, "/admin/legal/consultations/new",
            ("advice", "属于追索劳动报酬，建议申请劳动仲裁；本人为农民工，可申请法律援助，免予经济困难审查。"), ("outcome", nameof(ConsultationOutcome.AidApplication)));
        Assert.True(recorded.StatusCode == HttpStatusCode.Redirect, await recorded.Content.ReadAsStringAsync());
        var consultationUrl = recorded.Headers.Location!.OriginalString.Split('?')[0];
        var consultationId = consultationUrl.Split('/')[^1];

        // The consultation becomes an application at the street's centre, with the unpaid-wages ground.
        var applied = await HtmlForms.SubmitAsync(adviser, $"/yuexiu/admin/legal/applications/new?consultation={consultationId}", "/admin/legal/applications/new",
            ("stationId", streetCentreId.ToString(CultureInfo.InvariantCulture)), ("idNumber", "44010419750315201X"), ("address", "越秀区洪桥街水均岗8号"),
            ("applicantUnitCode", Community), ("caseKind", nameof(AidCaseKind.Arbitration)), ("opposingParty", "某餐饮管理有限公司"),
            ("householdSize", "3"), ("monthlyIncome", "9000"), ("exemptions", nameof(AidExemptions.UnpaidWages)));
        Assert.True(applied.StatusCode == HttpStatusCode.Redirect, await applied.Content.ReadAsStringAsync());
        var applicationUrl = applied.Headers.Location!.OriginalString.Split('?')[0];

        // The street's reviewer grants it and assigns the adviser.
        var jiedao = await host.SignedInAsync("yuexiu", "jiedao", Password);
        var granted = await HtmlForms.SubmitAsync(jiedao, applicationUrl, "/grant", ("note", "农民工追索劳动报酬，免予经济困难审查，符合法律援助条件。"));
        Assert.True(granted.StatusCode == HttpStatusCode.Redirect, $"{(int)granted.StatusCode} {await granted.Content.ReadAsStringAsync()}");
        var assigned = await HtmlForms.SubmitAsync(jiedao, applicationUrl, "/assign", ("lawyerId", lawyerId.ToString(CultureInfo.InvariantCulture)), ("note", "指派社区法律顾问承办"));
        Assert.True(assigned.StatusCode == HttpStatusCode.Redirect, await assigned.Content.ReadAsStringAsync());

        await using (var scope = await host.ScopeAsync("yuexiu"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var appointment = await db.Set<Appointment>().AsNoTracking().SingleAsync(a => a.Code == code);
            Assert.Equal(AppointmentStatus.Kept, appointment.Status);
            var consultation = await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.AppointmentId == appointment.Id);
            Assert.Equal(lawyerId, consultation.LawyerId);
            var application = await db.Set<AidApplication>().AsNoTracking().SingleAsync(a => a.ConsultationId == consultation.Id);
            Assert.Equal(consultation.ApplicationId, application.Id);
            Assert.Equal(AidStatus.Assigned, application.Status);
            Assert.Equal(lawyerId, application.LawyerId);
            Assert.Equal("jiedao", application.DecidedBy);
            Assert.Equal(AidExemptions.UnpaidWages, application.Exemptions);
            Assert.Equal(["Submitted", "Granted", "Assigned"], await db.Set<AidEvent>().AsNoTracking().Where(e => e.ApplicationId == application.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());
        }

        // The adviser sees the case assigned to them.
        var caseView = await PageAsync(adviser, applicationUrl);
        Assert.Contains("梁伯", caseView, StringComparison.Ordinal);
        Assert.Contains("决定给予法律援助", caseView, StringComparison.Ordinal);   // the history in the reader's language
        Assert.Contains("指派律师", caseView, StringComparison.Ordinal);
    }

    private static async Task Create(UserAccounts accounts, string userName, string role, string? unit)
    {
        var (result, _) = await accounts.CreateAsync(userName, $"{userName}@yuexiu.example.cn", userName, null, Password, [role], unit is null ? null : [unit]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    // The middle of the unit's bounding box in the district's grid file (its cells are rectangles).
    private static async Task<(double Longitude, double Latitude)> CentreOfAsync(TestHost host, string code)
    {
        var grid = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.TenantsPath, "yuexiu", "grid.geojson"))).RootElement;
        var feature = grid.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("code").GetString() == code);
        var points = new List<(double, double)>();
        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2 && element[0].ValueKind == JsonValueKind.Number)
            {
                points.Add((element[0].GetDouble(), element[1].GetDouble()));
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in element.EnumerateArray())
                {
                    Walk(child);
                }
            }
        }

        Walk(feature.GetProperty("geometry").GetProperty("coordinates"));
        return ((points.Min(p => p.Item1) + points.Max(p => p.Item1)) / 2, (points.Min(p => p.Item2) + points.Max(p => p.Item2)) / 2);
    }

    private static double Kilometres(double lon1, double lat1, double lon2, double lat2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 6371.0088 * 2 * Math.Asin(Math.Sqrt(a));
    }
}
