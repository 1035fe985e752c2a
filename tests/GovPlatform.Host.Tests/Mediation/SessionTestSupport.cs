using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Mediation.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>What the session tests share: a clock on Monday 23 November 2026 09:00 in Shanghai, a dispute, a plan.</summary>
internal static class SessionTestSupport
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>A local time in the tenant's zone (Asia/Shanghai) as UTC.</summary>
    public static DateTime At(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, China).UtcDateTime;

    /// <summary>Monday 23 November 2026, 09:00 local.</summary>
    public static ManualClock Clock() => new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, China));

    public static string Errors(IReadOnlyDictionary<string, BilingualText>? errors) =>
        string.Join("; ", (errors ?? new Dictionary<string, BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"));

    /// <summary>Registers a dispute at grid D-01-01-01 (handled by community D-01-01) as <c>elder</c>; with the studio and 老李 when <paramref name="assign"/>.</summary>
    public static async Task<Dispute> DisputeAsync(IServiceProvider services, MediationTestData.TestBodies bodies, bool assign = true, string title = "楼上漏水纠纷")
    {
        var ledger = services.GetRequiredService<DisputeLedger>();
        var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
        var registered = await ledger.RegisterAsync(new DisputeRegistration
        {
            Type = DisputeType.Neighbourhood,
            Title = title,
            Description = "302 室卫生间漏水到 202 室，双方因维修费用争执。",
            GridUnitCode = "D-01-01-01",
            Parties = [new(PartyRole.Applicant, "刘先生", "13700001111"), new(PartyRole.Respondent, "陈女士", "13700002222")],
            BodyId = assign ? bodies.Studio : null,
            MediatorId = assign ? bodies.Li : null,
        }, elder);
        Assert.True(registered.Succeeded, Errors(registered.Errors));
        return registered.Dispute!;
    }

    /// <summary>At the studio (open 09:00–17:00, 4 sessions a day), 60 minutes.</summary>
    public static SessionPlan AtStudio(MediationTestData.TestBodies bodies, DateTime startsUtc, int minutes = 60) =>
        new() { Mode = SessionMode.InPerson, StartsUtc = startsUtc, DurationMinutes = minutes, BodyId = bodies.Studio };

    /// <summary>Both parties (with phones), 老李 as the mediator, a judge from the district without a phone.</summary>
    public static IReadOnlyList<ParticipantInput> People(MediationTestData.TestBodies bodies) =>
    [
        new(ParticipantRole.Party, "刘先生", Phone: "13700001111"),
        new(ParticipantRole.Party, "陈女士", Phone: "13700002222"),
        new(ParticipantRole.Mediator, "老李", MediatorId: bodies.Li, GridUnitCode: "D-01-01"),
        new(ParticipantRole.Judge, "王法官", Organisation: "区人民法院", GridUnitCode: "D"),
    ];

    public static async Task<MediationSession> ScheduledAsync(IServiceProvider services, long disputeId, SessionPlan plan, IReadOnlyList<ParticipantInput> people, string user = "elder")
    {
        var result = await services.GetRequiredService<SessionService>().ScheduleAsync(disputeId, plan, people, DisputeActor.Staff(await PrincipalAsync(services, user)));
        Assert.True(result.Succeeded, Errors(result.Errors));
        return result.Session!;
    }

    public static async Task<MediationSession> LoadAsync(TestHost host, string tenant, long id)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<MediationSession>().AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>The texts the platform's logging sender wrote to <paramref name="phone"/> (subject and body).</summary>
    public static List<string> Texts(TestHost host, string phone) =>
        [.. host.Logs.Where(l => l.Contains($"sms message to {phone} ", StringComparison.Ordinal))];
}
