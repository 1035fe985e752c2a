using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Home;

/// <summary>Puts the home page first in the public site's menu.</summary>
public sealed class HomeNavigation : INavigationProvider
{
    private static readonly BilingualText Site = new("网站", "Site");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            items.Add(new NavigationItem(new BilingualText("首页", "Home"), "", Site, Position: -100));
        }
    }
}
