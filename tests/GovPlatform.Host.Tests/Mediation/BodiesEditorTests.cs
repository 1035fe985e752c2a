using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;
using GovPlatform.Mediation.Bodies;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>The body editor's rules: what it refuses (nothing saved), what it saves and audits, and deactivating bodies the ledger names.</summary>
public sealed class BodiesEditorTests
{
    private static MediationBodyInput Valid(string code = "d0102-room", string unit = "D-01-01") => new(
        code, MediationBodyKind.NamedRoom, new BilingualText("老张调解室", "Old Zhang Mediation Room"), unit, "一社区服务站", "周一至周五 9:00-16:00",
        "09:00", "16:00", "2", "0417-1234567", "以调解员名字命名");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_editor_refuses_bad_fields_beside_each_field_and_saves_a_valid_body_with_its_mediators(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            await MediationTestData.SeedBodiesAsync(services);
            var editor = services.GetRequiredService<MediationBodyEditor>();
            var bad = Valid() with
            {
                Code = "d0101-wulao", // taken by the seeded studio
                GridUnitCode = "X-99",
                Opens = "17:00",
                Closes = "09:00",
                Capacity = "101",
                Description = new string('长', 2001),
                Phone = "call me",
                Name = new BilingualText("", "x"),
            };
            var refused = await editor.CreateAsync(bad, [
                new MediatorInput("老张", MediatorRole.Elder, ElderBackground.None, null, null, "nobody"),
                new MediatorInput("", MediatorRole.Mediator, ElderBackground.None, null, null, "elder2"),
            ]);
            Assert.False(refused.Succeeded);
            Assert.Equal(
                ["capacity", "closes", "code", "description", "gridUnit", "mediators[0].background", "mediators[0].userName", "mediators[1].name", "name", "phone"],
                refused.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
            Assert.Contains("capacity", (await editor.ValidateBodyAsync(bad with { Code = "ok-code" }, null)).Keys);
            Assert.Equal(["code"], (await editor.ValidateBodyAsync(Valid() with { Code = "Bad Code" }, null)).Keys);
            Assert.Equal(["opens"], (await editor.ValidateBodyAsync(Valid() with { Opens = "9h", Closes = "" }, null)).Keys);
            Assert.Equal(["closes"], (await editor.ValidateBodyAsync(Valid() with { Closes = "" }, null)).Keys);

            var db = services.GetRequiredService<TenantDbContext>();
            Assert.False(await db.Set<MediationBody>().AnyAsync(b => b.Code == "d0102-room"));

            var saved = await editor.CreateAsync(Valid(), [new MediatorInput("张德厚", MediatorRole.Elder, ElderBackground.Police, "原派出所所长", "13900000000", "elder2")]);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
            var body = await db.Set<MediationBody>().AsNoTracking().SingleAsync(b => b.Code == "d0102-room");
            Assert.Equal((new TimeOnly(9, 0), new TimeOnly(16, 0), 2), (body.OpensAt!.Value, body.ClosesAt!.Value, body.Capacity));
            var mediator = await db.Set<Mediator>().AsNoTracking().SingleAsync(m => m.BodyId == body.Id);
            Assert.Equal(("elder2", ElderBackground.Police), (mediator.UserName, mediator.Background));

            // Another code may not be given to a second body; a stale stamp is refused and changes nothing.
            var stale = await editor.UpdateAsync(body.Id, Valid() with { Hours = "全天" }, body.UpdatedUtc.Ticks - 1);
            Assert.Equal(["stale"], stale!.Errors.Keys);
            var updated = await editor.UpdateAsync(body.Id, Valid() with { Hours = "全天" }, body.UpdatedUtc.Ticks);
            Assert.True(updated!.Succeeded);
            Assert.Equal("全天", (await db.Set<MediationBody>().AsNoTracking().SingleAsync(b => b.Id == body.Id)).Hours);
            var again = await editor.UpdateAsync(body.Id, Valid() with { Hours = "周末" }, body.UpdatedUtc.Ticks);
            Assert.Equal(["stale"], again!.Errors.Keys);
        }

        Assert.Single(await host.AuditAsync("alpha", "mediation", "create-body"));
        Assert.Single(await host.AuditAsync("alpha", "mediation", "update-body"));
    }

    [Fact]
    public async Task A_body_a_dispute_names_is_deactivated_instead_of_deleted_and_an_unused_one_is_deleted_with_its_mediators()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        var db = services.GetRequiredService<TenantDbContext>();
        var ledger = services.GetRequiredService<DisputeLedger>();
        var elder = DisputeActor.Staff(await GovPlatform.Host.Tests.Petitions.PetitionTestData.PrincipalAsync(services, "elder"));
        var registered = await ledger.RegisterAsync(new DisputeRegistration
        {
            Type = DisputeType.Neighbourhood,
            Title = "楼上漏水纠纷",
            Description = "302 室卫生间漏水到 202 室。",
            GridUnitCode = "D-01-01-01",
            Parties = [new(PartyRole.Applicant, "刘先生", "13700001111")],
        }, elder);
        Assert.True(registered.Succeeded, string.Join("; ", (registered.Errors ?? new Dictionary<string, BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}")));
        Assert.True((await ledger.AssignAsync(registered.Dispute!.Id, bodies.Studio, bodies.Li, [], "接手", elder)).Succeeded);

        var editor = services.GetRequiredService<MediationBodyEditor>();
        Assert.Equal(BodyRemoval.Deactivated, await editor.RemoveAsync(bodies.Studio));
        var studio = await db.Set<MediationBody>().AsNoTracking().SingleAsync(b => b.Id == bodies.Studio);
        Assert.False(studio.Active);
        Assert.All(await db.Set<Mediator>().AsNoTracking().Where(m => m.BodyId == bodies.Studio).ToListAsync(), m => Assert.False(m.Active));

        Assert.Equal(BodyRemoval.Deleted, await editor.RemoveAsync(bodies.Committee));
        Assert.False(await db.Set<MediationBody>().AnyAsync(b => b.Id == bodies.Committee));
        Assert.False(await db.Set<Mediator>().AnyAsync(m => m.BodyId == bodies.Committee));
        Assert.Equal(BodyRemoval.NotFound, await editor.RemoveAsync(bodies.Committee));
    }
}
