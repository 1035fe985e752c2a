using GovPlatform.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Grid;

/// <summary>The grid in a tenant: its services, admin pages, public page and API.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
    }
}
