using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace Acme.Parking;

/// <summary>Puts the module's page in the public site's menu (found by the module scan: no registration).</summary>
public sealed class Navigation : INavigationProvider
{
    private static readonly BilingualText Site = new("网站", "Site");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            // The path is relative to the tenant: the theme adds its prefix.
            items.Add(new NavigationItem(new("Acme.Parking", "Acme.Parking"), ModuleInfo.PagePath.TrimStart('/'), Site, Position: 50));
        }
    }
}
