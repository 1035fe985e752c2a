using GovPlatform.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Themes.Admin;

/// <summary>Offers the admin theme to the tenant: its admin pages are laid out with it.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ISiteTheme>(AdminTheme.Theme);
}
