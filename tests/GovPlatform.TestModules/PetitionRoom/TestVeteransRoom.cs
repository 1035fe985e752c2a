using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.TestModules.PetitionRoom;

/// <summary>A room with a code of its own (not one of the reception hall's three), as a veterans' service module would offer.</summary>
public sealed class TestVeteransRoom : IPetitionRoom
{
    public string Code => "veterans";

    public BilingualText Name => new("退役军人服务站", "Veterans' service station");

    public Task<string?> AcceptAsync(PetitionReferral referral, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

[ForFeature("Test.PetitionExtraRoom")]
public sealed class PetitionExtraRoomStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services) => services.AddScoped<IPetitionRoom, TestVeteransRoom>();
}
