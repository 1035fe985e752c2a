using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identifiers;
using GovPlatform.Points.Models;
using GovPlatform.Points.Volunteers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>Registration and profile rules of <see cref="VolunteerService"/> on both providers.</summary>
public sealed class VolunteerServiceTests
{
    internal const string IdA = "510104199001011230";
    internal const string IdB = "510104198506152245";

    internal static VolunteerInput Input(string id = IdA, string unit = "D-01-01-01", string name = "张三", string phone = "13912345678", string? skills = "医疗，驾驶", bool consent = true) =>
        new(name, id, phone, unit, skills, consent);

    [Fact]
    public void The_check_digit_and_the_mask_follow_GB_11643()
    {
        Assert.True(IdNumber.IsValid("11010519491231002X"));
        Assert.True(IdNumber.IsValid("11010519491231002x"));
        Assert.True(IdNumber.IsValid(IdA));
        Assert.False(IdNumber.IsValid("510104199001011231"));
        Assert.False(IdNumber.IsValid("510104199013011230"));   // no 13th month, whatever the digit
        Assert.False(IdNumber.IsValid("51010419900101123"));
        Assert.Equal("5101**********1230", IdNumber.Mask(IdA));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registration_is_validated_and_one_profile_per_account(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var service = scope.ServiceProvider.GetRequiredService<VolunteerService>();

        var bad = await service.RegisterAsync("citizen1", Input(id: "510104199001011231", unit: "D-09", name: "张", phone: "12345", skills: "一,二,三,四,五,六,七,八,九,十,十一"));
        Assert.Equal(VolunteerOutcome.Invalid, bad.Status);
        Assert.Equal(["gridUnitCode", "idNumber", "phone", "realName", "skills"], bad.Errors!.Keys.Order(StringComparer.Ordinal));
        var street = await service.RegisterAsync("citizen1", Input(unit: "D-01"));
        Assert.Equal(["gridUnitCode"], street.Errors!.Keys);

        var done = await service.RegisterAsync("citizen1", Input());
        Assert.Equal(VolunteerOutcome.Done, done.Status);
        Assert.Equal(VolunteerStatus.Pending, done.Volunteer!.Status);
        Assert.Equal("医疗,驾驶", done.Volunteer.Skills);

        var again = await service.RegisterAsync("citizen1", Input(id: IdB));
        Assert.Equal(VolunteerOutcome.NotAllowed, again.Status);
        var sameId = await service.RegisterAsync("citizen2", Input());
        Assert.Equal(["idNumber"], sameId.Errors!.Keys);

        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Equal(1, await db.Set<Volunteer>().CountAsync());
        Assert.Single(await host.AuditAsync("alpha", "points", "register"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_move_to_another_unit_waits_for_approval_again_and_a_stale_page_is_refused(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var service = scope.ServiceProvider.GetRequiredService<VolunteerService>();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var id = (await service.RegisterAsync("citizen1", Input())).Volunteer!.Id;
        await db.Set<Volunteer>().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Approved).SetProperty(v => v.ApprovedBy, "staff"));
        var version = (await service.FindByUserAsync("citizen1"))!.Version;

        var same = await service.UpdateProfileAsync("citizen1", Input(phone: "13900000000", consent: false), version);
        Assert.Equal(VolunteerOutcome.Done, same.Status);
        Assert.Equal(VolunteerStatus.Approved, same.Volunteer!.Status);
        Assert.False(same.Volunteer.PublicConsent);

        var stale = await service.UpdateProfileAsync("citizen1", Input(unit: "D-01-01-02"), version);
        Assert.Equal(VolunteerOutcome.Stale, stale.Status);

        var moved = await service.UpdateProfileAsync("citizen1", Input(unit: "D-02-01"), version + 1);
        Assert.Equal(VolunteerOutcome.Done, moved.Status);
        var stored = (await service.FindByUserAsync("citizen1"))!;
        Assert.Equal(VolunteerStatus.Pending, stored.Status);
        Assert.Equal("D-02-01", stored.GridUnitCode);
        Assert.Null(stored.ApprovedBy);
        Assert.Equal(IdA, stored.IdNumber);

        await db.Set<Volunteer>().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Suspended));
        var suspended = await service.UpdateProfileAsync("citizen1", Input(unit: "D-01-01-01"), null);
        Assert.Equal(["gridUnitCode"], suspended.Errors!.Keys);
        Assert.Equal(2, (await host.AuditAsync("alpha", "points", "update-profile")).Count);
    }
}
