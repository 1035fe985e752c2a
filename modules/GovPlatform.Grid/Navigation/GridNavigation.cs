using GovPlatform.Grid.Security;
using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Grid.Navigation;

/// <summary>The grid's admin pages and the public "find my grid" page in the menus.</summary>
internal sealed class GridNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("网格", "Grid");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            items.Add(new NavigationItem(new("找网格", "Find my grid"), "grid", new("网站", "Site"), null, 30));
            return;
        }

        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("网格单元", "Grid units"), "admin/grid", Section, GridPermissions.View, 10));
        items.Add(new NavigationItem(new("网格员", "Grid workers"), "admin/grid/workers", Section, GridPermissions.View, 20));
        items.Add(new NavigationItem(new("规则检查", "Rules report"), "admin/grid/rules", Section, GridPermissions.View, 30));
        items.Add(new NavigationItem(new("层级", "Levels"), "admin/grid/levels", Section, GridPermissions.Manage, 40));
        items.Add(new NavigationItem(new("导入导出", "Import and export"), "admin/grid/import", Section, GridPermissions.Manage, 50));
    }
}
