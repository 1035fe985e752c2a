using GovPlatform.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.TestModules;

[ForFeature("Test.Faulty")]
public sealed class FaultyStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services) =>
        throw new InvalidOperationException("the faulty module refuses to start");
}
