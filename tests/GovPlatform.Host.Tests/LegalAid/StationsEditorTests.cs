using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Stations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The station editor: validation by field, unique codes, opening rules that fit a slot, stale edits refused.</summary>
public sealed class StationsEditorTests
{
    private static StationInput Input(string code = "d-clinic", string opens = "09:00", string closes = "12:00", string minutes = "30") => new(
        code, nameof(StationKind.LegalClinic), "法律诊所", "Legal clinic", "D-01-02", "法学院", "北关路 1 号", "116.4", "39.9",
        LegalServices.Consultation | LegalServices.Education, "每周六上午", "020-12348", null, null,
        new OpeningRulesInput(OpenDays.Of(DayOfWeek.Saturday), opens, closes, minutes, "2", "21"), true);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_by_field_and_a_stale_edit_loses_nothing(string provider)
    {
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var seeded = await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        var editor = scope.ServiceProvider.GetRequiredService<StationEditor>();

        var bad = await editor.CreateAsync(Input("Bad Code") with { Kind = "Tribunal", GridUnit = "Z-9", Longitude = "200", Latitude = null, Phone = "call me", Name = "" }, null);
        Assert.Equal(StationOutcome.Invalid, bad.Outcome);
        Assert.Equal(["code", "gridUnit", "kind", "longitude", "name", "phone"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("closes", Assert.Single((await editor.CreateAsync(Input(opens: "12:00", closes: "09:00"), null)).Errors).Key);
        Assert.Equal("slotMinutes", Assert.Single((await editor.CreateAsync(Input(closes: "09:20"), null)).Errors).Key);
        Assert.Equal("slotMinutes", Assert.Single((await editor.CreateAsync(Input(minutes: "5"), null)).Errors).Key);
        Assert.Equal("code", Assert.Single((await editor.CreateAsync(Input("street-centre"), null)).Errors).Key);

        var created = await editor.CreateAsync(Input(), null);
        Assert.Equal(StationOutcome.Done, created.Outcome);
        var id = created.Station!.Id;
        var saved = await editor.UpdateAsync(id, Input() with { Hours = "周六 9:00–12:00" }, 1, null);
        Assert.Equal((StationOutcome.Done, 2), (saved.Outcome, saved.Station!.Version));
        var stale = await editor.UpdateAsync(id, Input() with { Hours = "被覆盖" }, 1, null);
        Assert.Equal(StationOutcome.Stale, stale.Outcome);
        Assert.Equal(StationOutcome.NotFound, (await editor.UpdateAsync(99_999, Input(), 1, null)).Outcome);

        await using var check = await host.ScopeAsync("alpha");
        var station = await check.ServiceProvider.GetRequiredService<TenantDbContext>().Set<LegalStation>().AsNoTracking().SingleAsync(s => s.Id == id);
        Assert.Equal(("周六 9:00–12:00", OpenDays.Of(DayOfWeek.Saturday), new TimeOnly(9, 0), 2), (station.Hours, station.OpenDays, station.OpensAt!.Value, station.SlotCapacity));
        Assert.Equal(4, await check.ServiceProvider.GetRequiredService<TenantDbContext>().Set<LegalStation>().CountAsync());
        Assert.NotEqual(seeded.DistrictCentreId, id);
        Assert.Equal(2, (await host.AuditAsync("alpha", "legalaid")).Count(e => e.Action.StartsWith("station-", StringComparison.Ordinal)));
    }
}
