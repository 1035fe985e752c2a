using System.Net;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.LegalAid.Models;
using static GovPlatform.Host.Tests.LegalAid.AppointmentTestSupport;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The staff day list: each user sees the appointments of their grid scope and a lawyer their own; the phone is masked
/// unless the user may receive the citizen; marking and cancelling need Consult over the appointment's unit (or being
/// its lawyer).
/// </summary>
public sealed class AppointmentDeskTests
{
    private const string Day = "/alpha/admin/legal/appointments?date=2026-09-23";

    [Fact]
    public async Task Staff_see_and_act_on_their_scope_only_and_a_lawyer_on_their_own_appointments()
    {
        var (host, clock, seeded) = await StartAsync();
        await using var _ = host;
        var adviser = await BookDirectAsync(host, ProviderKind.Adviser, seeded.AssignmentId, Utc(9, 23, 14, 30), "13911112222", "顾问预约人");
        var centre = await BookDirectAsync(host, ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 23, 9), "13922223333", "中心预约人");

        // A street admin of D-02: neither the D-01-01 adviser nor the district centre (unit D) is theirs.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var streetPage = await street.GetStringAsync(Day);
        Assert.DoesNotContain("顾问预约人", streetPage, StringComparison.Ordinal);
        Assert.DoesNotContain("中心预约人", streetPage, StringComparison.Ordinal);
        var refused = await IdentityTestSupport.PostFormAsync(street, Day, $"/alpha/admin/legal/appointments/{adviser.Id}/cancel", ("reason", "越权"));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(AppointmentStatus.Booked, (await LoadAsync(host, adviser.Code)).Status);

        // Community staff of D-01-01 (Consult): the adviser's appointment with the full phone.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var staffPage = await staff.GetStringAsync(Day);
        Assert.Contains("顾问预约人", staffPage, StringComparison.Ordinal);
        Assert.Contains("13911112222", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain("中心预约人", staffPage, StringComparison.Ordinal);
        Assert.Contains($"admin/legal/consultations/new?appointment={adviser.Id}", staffPage, StringComparison.Ordinal);

        // lawyer1 is the adviser: their own appointment; lawyer2 (D-02-01) sees nothing of it.
        var lawyer1 = await host.SignedInAsync("alpha", "lawyer1", GridTestData.StaffPassword);
        Assert.Contains("顾问预约人", await lawyer1.GetStringAsync(Day), StringComparison.Ordinal);
        var lawyer2 = await host.SignedInAsync("alpha", "lawyer2", GridTestData.StaffPassword);
        Assert.DoesNotContain("顾问预约人", await lawyer2.GetStringAsync(Day), StringComparison.Ordinal);

        // The admin sees both; the district centre's row is there.
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var adminPage = await admin.GetStringAsync(Day + $"&provider=station:{seeded.DistrictCentreId}");
        Assert.Contains("中心预约人", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain("顾问预约人", adminPage, StringComparison.Ordinal);

        // A grid worker has no legal service permission.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(Day)).StatusCode);

        // Before the slot the lawyer cannot mark it; once it has begun they mark it kept, and can correct it.
        var early = await IdentityTestSupport.PostFormAsync(lawyer1, Day, $"/alpha/admin/legal/appointments/{adviser.Id}/kept");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        clock.Advance(Utc(9, 23, 14, 40) - clock.GetUtcNow().UtcDateTime);
        var kept = await IdentityTestSupport.PostFormAsync(lawyer1, Day, $"/alpha/admin/legal/appointments/{adviser.Id}/kept");
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var marked = await LoadAsync(host, adviser.Code);
        Assert.Equal(AppointmentStatus.Kept, marked.Status);
        Assert.Equal("lawyer1", marked.ChangedBy);

        // Staff cancel a coming appointment at any time before it (here: the district centre's of the next day).
        var tomorrow = await BookDirectAsync(host, ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 24, 9), "13944445555", "明日预约人");
        var cancel = await IdentityTestSupport.PostFormAsync(admin, Day, $"/alpha/admin/legal/appointments/{tomorrow.Id}/cancel", ("reason", "律师临时外出"));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var cancelled = await LoadAsync(host, tomorrow.Code);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal("律师临时外出", cancelled.CancelReason);
        Assert.Equal(centre.Code, (await LoadAsync(host, centre.Code)).Code);
    }
}
