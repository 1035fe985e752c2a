using System.Collections.Concurrent;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.TestModules.PetitionRoom;

/// <summary>Takes petitions sent to the mediation room and remembers the referrals, as a mediation module would open a dispute.</summary>
public sealed class TestMediationRoom(RoomReferrals referrals) : IPetitionRoom
{
    public string Code => PetitionRooms.Mediation;

    public BilingualText Name => new("测试调解室", "Test mediation room");

    public Task<string?> AcceptAsync(PetitionReferral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        referrals.Received.Enqueue(referral);
        return Task.FromResult<string?>($"dispute-{referral.PetitionId}");
    }
}

/// <summary>The referrals the test room received in this shell.</summary>
public sealed class RoomReferrals
{
    public ConcurrentQueue<PetitionReferral> Received { get; } = new();
}

[ForFeature("Test.PetitionRoom")]
public sealed class PetitionRoomStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<RoomReferrals>();
        services.AddScoped<IPetitionRoom, TestMediationRoom>();
    }
}
