using GovPlatform.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Themes.Civic;

/// <summary>Offers the Civic theme to the tenant; its <c>Theme</c> setting decides whether the site uses it.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ISiteTheme>(CivicTheme.Theme);
}
