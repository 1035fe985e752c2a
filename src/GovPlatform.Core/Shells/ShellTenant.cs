using GovPlatform.Tenants;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Core.Shells;

/// <summary>The <see cref="ITenant"/> a shell's code sees.</summary>
internal sealed class ShellTenant(ShellSettings settings, IConfiguration configuration) : ITenant
{
    public string Name => settings.Name;

    public bool IsDefault => settings.IsDefault;

    public TenantState State => settings.State;

    public string UrlPrefix => settings.UrlPrefix;

    public IReadOnlyList<string> HostNames => settings.HostNames;

    public string Culture => settings.Culture;

    public string TimeZone => settings.TimeZone;

    public string DisplayName => settings.DisplayName;

    public string GetDisplayName(string culture) => settings.GetDisplayName(culture);

    public string Theme => settings.Theme;

    public IConfiguration Settings => configuration;
}
