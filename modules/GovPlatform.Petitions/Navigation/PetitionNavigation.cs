using GovPlatform.Localization;
using GovPlatform.Navigation;
using GovPlatform.Petitions.Security;

namespace GovPlatform.Petitions.Navigation;

/// <summary>The citizen's pages in the site menu, and the staff's pages of the petitions hall in the admin menu.</summary>
internal sealed class PetitionNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("诉求大厅", "Petitions hall");
    private static readonly BilingualText Site = new("网站", "Site");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            // After the grid's "find my grid" (30): a resident finds their grid, then reports.
            items.Add(new NavigationItem(new("我要反映", "Report a matter"), "petitions/new", Site, null, 40));
            items.Add(new NavigationItem(new("进度查询", "Track a petition"), "petitions/track", Site, null, 41));
            return;
        }

        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("工作台", "Workbench"), "admin/petitions", Section, PetitionPermissions.View, 10));
        items.Add(new NavigationItem(new("来访登记", "Register a visit"), "admin/petitions/reception", Section, PetitionPermissions.Receive, 20));
        items.Add(new NavigationItem(new("网格上报", "Field report"), "admin/petitions/report", Section, PetitionPermissions.Report, 30));
        items.Add(new NavigationItem(new("台账与统计", "Ledger and statistics"), "admin/petitions/ledger", Section, PetitionPermissions.Ledger, 40));
        items.Add(new NavigationItem(new("职责清单", "Duty list"), "admin/petitions/catalog", Section, PetitionPermissions.Manage, 50));
        items.Add(new NavigationItem(new("诉求规则", "Petition rules"), "admin/petitions/settings", Section, PetitionPermissions.Manage, 60));
    }
}
