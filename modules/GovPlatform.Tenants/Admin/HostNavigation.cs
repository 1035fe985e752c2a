using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Tenants.Admin;

/// <summary>The host admin's menu items, in the Default tenant's admin.</summary>
public sealed class HostNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("平台", "Platform");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("租户（区县）", "Tenants (districts)"), "admin/tenants", Section, HostPermissions.ManageTenants, Position: -20));
        items.Add(new NavigationItem(new("新建租户", "New tenant"), "admin/tenants/new", Section, HostPermissions.ManageTenants, Position: -10));
        items.Add(new NavigationItem(new("模块包", "Module packages"), "admin/packages", Section, HostPermissions.ManageTenants, Position: -5));
    }
}
