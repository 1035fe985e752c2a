using System.Net;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The legal service statistics on rows inserted straight into the tables (October 2026, Asia/Shanghai), on both
/// providers: every figure by station and by unit, the totals, "—" for a rate without a denominator, the user's scope,
/// the Excel export, tenant isolation.
/// </summary>
public sealed class StatisticsTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly October1 = new(2026, 10, 1);
    private static readonly DateOnly October31 = new(2026, 10, 31);

    private static DateTime At(int month, int day, int hour = 10) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, 0, 0), Zone);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Figures_by_station_and_unit_are_exact_and_follow_the_users_scope(string provider)
    {
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var seeded = await SeedAsync(services);
        var statistics = services.GetRequiredService<LegalAidStatistics>();
        var admin = await PrincipalAsync(services, "admin");

        var byStation = await ComputeAsync(statistics, admin, new(null, October1, October31, StatisticsGrouping.Station));
        var district = byStation.Rows.Single(r => r.Key == seeded.DistrictCentreId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Figures;
        Assert.Equal((3L, 2L, 1L, 2L, 1L), (district.Consultations, district.Channel(ConsultationChannel.WalkIn), district.Channel(ConsultationChannel.Phone),
            district.Outcome(ConsultationOutcome.Advised), district.Outcome(ConsultationOutcome.AidApplication)));
        Assert.Equal((2L, 2L, 1L, 1L), (district.Submitted, district.Granted, district.Refused, district.Closed));
        var street = byStation.Rows.Single(r => r.Key == seeded.StreetCentreId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Figures;
        Assert.Equal((6L, 3L, 1L, 1L), (street.Booked, street.Kept, street.Missed, street.Cancelled));
        Assert.Equal("75.0%", street.KeptRateText);
        Assert.Equal(1L, street.Consultations);
        var none = byStation.Rows.Single(r => r.Key == "").Figures;
        Assert.Equal((1L, 2L, 1L, 2L, 1L), (none.Consultations, none.Booked, none.ReceptionsHeld, none.MattersHeard, none.PetitionsFiled));
        Assert.Equal((5L, 8L, 4L, 1L), (byStation.Total.Consultations, byStation.Total.Booked, byStation.Total.Submitted + byStation.Total.Granted, byStation.Total.ReceptionsHeld));
        Assert.Equal("—", (await ComputeAsync(statistics, admin, new(null, new(2026, 12, 1), new(2026, 12, 31), StatisticsGrouping.Station))).Total.KeptRateText);

        // By unit: the streets, and the district itself (its centre's records).
        var byUnit = await ComputeAsync(statistics, admin, new(null, October1, October31, StatisticsGrouping.Unit));
        Assert.Equal(byStation.Total, byUnit.Total, FiguresComparer.Instance);
        var d02 = byUnit.Rows.Single(r => r.Key == "D-02");
        Assert.Equal((1L, 2L, 1L, 2L, 1L), (d02.Figures.Consultations, d02.Figures.Booked, d02.Figures.ReceptionsHeld, d02.Figures.MattersHeard, d02.Figures.PetitionsFiled));
        Assert.Equal("—", d02.Figures.KeptRateText);
        Assert.Equal("D-02", d02.DrillUnit);

        // A street admin of D-02 sees only D-02's, and may not ask for D-01.
        var streetAdmin = await PrincipalAsync(services, "street");
        var own = await ComputeAsync(statistics, streetAdmin, new(null, October1, October31, StatisticsGrouping.Unit));
        Assert.Equal(d02.Figures, own.Total, FiguresComparer.Instance);
        var (refused, errors, forbidden) = await statistics.ComputeAsync(new("D-01", October1, October31, StatisticsGrouping.Unit), streetAdmin);
        Assert.Null(refused);
        Assert.True(forbidden);
        Assert.Contains("unit", errors.Keys);
    }

    [Fact]
    public async Task The_page_and_the_export_show_the_numbers_to_those_allowed_and_are_audited()
    {
        await using var host = new TestHost().WithLegalAidTenant("alpha").WithLegalAidTenant("beta");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await SeedAsync(scope.ServiceProvider);
        }

        const string Query = "period=custom&from=2026-10-01&to=2026-10-31&group=station";
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetStringAsync($"/alpha/admin/legal/statistics?{Query}");
        Assert.Contains("75.0%", page, StringComparison.Ordinal);
        Assert.Contains("测试区公共法律服务中心", page, StringComparison.Ordinal);

        var export = await admin.GetAsync($"/alpha/admin/legal/statistics/export?{Query}&culture=en");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = new MemoryStream(await export.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var total = rows[^1];
        Assert.Equal("Total", total["Group"]);
        Assert.Equal(5d, Convert.ToDouble(total["Consultations"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(8d, Convert.ToDouble(total["Appointments booked"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => Equals(r["Kept rate"], "75.0%"));
        Assert.DoesNotContain(rows.SelectMany(r => r.Values), v => v?.ToString()?.Contains("1390000", StringComparison.Ordinal) == true);
        Assert.Single(await host.AuditAsync("alpha", "legalaid", "statistics-export"));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/alpha/admin/legal/statistics/export?period=custom&from=2026-10-31&to=2026-10-01")).StatusCode);
        var streetAdmin = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await streetAdmin.GetAsync($"/alpha/admin/legal/statistics/export?{Query}&unit=D-01")).StatusCode);
        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync($"/alpha/admin/legal/statistics?{Query}")).StatusCode);

        // Another tenant's statistics have none of alpha's records.
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        var betaPage = await beta.GetStringAsync($"/beta/admin/legal/statistics?{Query}");
        Assert.DoesNotContain("75.0%", betaPage, StringComparison.Ordinal);
    }

    private static async Task<StatisticsReport> ComputeAsync(LegalAidStatistics statistics, ClaimsPrincipal user, StatisticsRequest request)
    {
        var (report, errors, _) = await statistics.ComputeAsync(request, user);
        Assert.True(report is not null, string.Join(" ", errors.Values.Select(e => e.English)));
        return report;
    }

    /// <summary>
    /// October 2026: the district centre (unit D) 3 consultations (2 walk-ins advised, 1 phone to an application), 3
    /// applications (1 submitted and granted in October, 1 submitted in September and refused in October, 1 submitted,
    /// granted and closed in October); the street centre (D-01) 1 consultation and 6 appointments (3 kept, 1 missed, 1
    /// cancelled, 1 booked); community D-02-01 (no station) an online consultation, two adviser appointments still booked
    /// and a held reception with 2 matters heard, one filed as a petition. Outside October: a consultation in September,
    /// an appointment in November, a planned reception.
    /// </summary>
    private static async Task<LegalAidTestData.Seeded> SeedAsync(IServiceProvider services)
    {
        var seeded = await LegalAidTestData.SeedAsync(services);
        var db = services.GetRequiredService<TenantDbContext>();
        var n = 0;
        Consultation C(long? station, string unit, ConsultationChannel channel, ConsultationOutcome outcome, DateTime held) => new()
        {
            Number = $"ZXTEST{++n:D4}",
            Channel = channel,
            StationId = station,
            GridUnitCode = unit,
            CitizenName = "测试群众",
            Phone = "13900000000",
            MatterType = MatterType.Labour,
            Matter = "工资",
            Advice = "建议",
            Outcome = outcome,
            HeldUtc = held,
            RecordedBy = "admin",
            CreatedUtc = held,
            UpdatedUtc = held,
            Version = 1,
        };
        db.AddRange(
            C(seeded.DistrictCentreId, "D", ConsultationChannel.WalkIn, ConsultationOutcome.Advised, At(10, 8)),
            C(seeded.DistrictCentreId, "D", ConsultationChannel.WalkIn, ConsultationOutcome.Advised, At(10, 9)),
            C(seeded.DistrictCentreId, "D", ConsultationChannel.Phone, ConsultationOutcome.AidApplication, At(10, 31, 23)),
            C(seeded.StreetCentreId, "D-01", ConsultationChannel.Appointment, ConsultationOutcome.Advised, At(10, 12)),
            C(null, "D-02-01", ConsultationChannel.Online, ConsultationOutcome.Mediation, At(10, 1, 0)),
            C(seeded.DistrictCentreId, "D", ConsultationChannel.WalkIn, ConsultationOutcome.Advised, At(9, 30, 23)));

        AidApplication A(AidStatus status, DateTime submitted, DateTime? decided, DateTime? closed) => new()
        {
            Number = $"FYTEST{++n:D4}",
            Status = status,
            StationId = seeded.DistrictCentreId,
            GridUnitCode = "D",
            ApplicantName = "申请人",
            IdNumber = "11010519491231002X",
            Phone = "13900000000",
            CaseKind = AidCaseKind.Civil,
            MatterType = MatterType.Labour,
            Summary = "追索劳动报酬",
            HouseholdSize = 1,
            DecisionDueUtc = submitted.AddDays(9),
            SubmittedBy = "admin",
            SubmittedUtc = submitted,
            DecidedUtc = decided,
            ClosedUtc = closed,
            UpdatedUtc = submitted,
            Version = 1,
        };
        db.AddRange(
            A(AidStatus.Assigned, At(10, 10), At(10, 15), null),
            A(AidStatus.Refused, At(9, 20), At(10, 2), null),
            A(AidStatus.Closed, At(10, 3), At(10, 5), At(10, 28)));

        Appointment P(ProviderKind kind, long provider, string unit, AppointmentStatus status, DateTime starts) => new()
        {
            Code = $"T{++n:D7}",
            ProviderKind = kind,
            ProviderId = provider,
            GridUnitCode = unit,
            StartsUtc = starts,
            EndsUtc = starts.AddMinutes(30),
            CitizenName = "预约人",
            Phone = $"1390000{n:D4}",
            MatterType = MatterType.Family,
            Status = status,
            CreatedUtc = starts,
            UpdatedUtc = starts,
            Version = 1,
        };
        var s = seeded.StreetCentreId;
        db.AddRange(
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Kept, At(10, 12, 9)),
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Kept, At(10, 13, 9)),
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Kept, At(10, 14, 9)),
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Missed, At(10, 15, 9)),
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Cancelled, At(10, 16, 9)),
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Booked, At(10, 30, 9)),
            P(ProviderKind.Adviser, seeded.AssignmentId, "D-02-01", AppointmentStatus.Booked, At(10, 21, 15)),
            P(ProviderKind.Adviser, seeded.AssignmentId, "D-02-01", AppointmentStatus.Booked, At(10, 28, 15)),
            P(ProviderKind.Station, s, "D-01", AppointmentStatus.Kept, At(11, 2, 9)));

        var held = new EveningReception { Title = "二社区接访", GridUnitCode = "D-02-01", Place = "二社区", StartsUtc = At(10, 20, 19), EndsUtc = At(10, 20, 21), Status = ReceptionStatus.Held, CreatedBy = "admin", CreatedUtc = At(10, 1), UpdatedUtc = At(10, 20), Version = 2 };
        var planned = new EveningReception { Title = "一社区接访", GridUnitCode = "D-01-01", Place = "一社区", StartsUtc = At(10, 22, 19), EndsUtc = At(10, 22, 21), Status = ReceptionStatus.Planned, CreatedBy = "admin", CreatedUtc = At(10, 1), UpdatedUtc = At(10, 1), Version = 1 };
        db.AddRange(held, planned);
        await db.SaveChangesAsync();
        ReceptionMatter M(long reception, ReceptionMatterStatus status, long? petition) => new()
        {
            ReceptionId = reception,
            Code = $"M{++n:D7}",
            ResidentName = "居民",
            Phone = "13900000000",
            MatterType = MatterType.Housing,
            Matter = "电梯维修",
            Status = status,
            PetitionId = petition,
            PetitionNumber = petition is null ? null : "P1",
            SignedUpUtc = At(10, 10),
        };
        db.AddRange(M(held.Id, ReceptionMatterStatus.Heard, 1), M(held.Id, ReceptionMatterStatus.Heard, null), M(held.Id, ReceptionMatterStatus.Absent, null),
            M(planned.Id, ReceptionMatterStatus.Registered, null));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return seeded;
    }

    /// <summary>Figures are equal when every count is (the lists by channel and outcome compare by value).</summary>
    private sealed class FiguresComparer : IEqualityComparer<LegalAidFigures>
    {
        public static readonly FiguresComparer Instance = new();

        public bool Equals(LegalAidFigures? x, LegalAidFigures? y) => x is not null && y is not null
            && x.ByChannel.SequenceEqual(y.ByChannel) && x.ByOutcome.SequenceEqual(y.ByOutcome)
            && x with { ByChannel = None, ByOutcome = None } == y with { ByChannel = None, ByOutcome = None };

        private static readonly long[] None = [];

        public int GetHashCode(LegalAidFigures obj) => 0;
    }
}
