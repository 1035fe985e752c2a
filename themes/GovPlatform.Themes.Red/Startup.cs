using GovPlatform.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Themes.Red;

/// <summary>Offers the Red theme to the tenant; its <c>Theme</c> setting decides whether the site uses it.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ISiteTheme>(RedTheme.Theme);
}
