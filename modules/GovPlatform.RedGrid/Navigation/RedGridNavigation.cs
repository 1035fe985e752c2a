using GovPlatform.Localization;
using GovPlatform.Navigation;
using GovPlatform.RedGrid.Security;

namespace GovPlatform.RedGrid.Navigation;

/// <summary>The public party-building pages in the site menu, the staff's in the admin menu.</summary>
internal sealed class RedGridNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("党建红网格", "Red grid");
    private static readonly BilingualText Site = new("网站", "Site");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            items.Add(new NavigationItem(Section, "redgrid", Site, null, 39));
            items.Add(new NavigationItem(new("党群服务中心", "Party-mass service centres"), "redgrid/centres", Site, null, 40));
            items.Add(new NavigationItem(new("共建项目", "Joint projects"), "redgrid/projects", Site, null, 41));
            return;
        }

        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("组织覆盖", "Coverage"), "admin/redgrid", Section, RedGridPermissions.View, 10));
        items.Add(new NavigationItem(new("党组织", "Party organisations"), "admin/redgrid/organisations", Section, RedGridPermissions.View, 20));
        items.Add(new NavigationItem(new("党员", "Members"), "admin/redgrid/members", Section, RedGridPermissions.View, 30));
        items.Add(new NavigationItem(new("大党委", "Joint committees"), "admin/redgrid/committees", Section, RedGridPermissions.View, 40));
        items.Add(new NavigationItem(new("驻区单位与资源", "Resident units and resources"), "admin/redgrid/units", Section, RedGridPermissions.View, 50));
        items.Add(new NavigationItem(new("需求与项目", "Needs and projects"), "admin/redgrid/needs", Section, RedGridPermissions.View, 60));
        items.Add(new NavigationItem(new("双结对", "Pairing"), "admin/redgrid/pairings", Section, RedGridPermissions.View, 70));
        items.Add(new NavigationItem(new("党群服务中心", "Service centres"), "admin/redgrid/centres", Section, RedGridPermissions.View, 80));
        items.Add(new NavigationItem(new("在职党员报到", "Community reporting"), "admin/redgrid/reporting", Section, RedGridPermissions.Members, 35));
        items.Add(new NavigationItem(new("报表", "Reports"), "admin/redgrid/reports", Section, RedGridPermissions.Reports, 95));
        items.Add(new NavigationItem(new("报到统计", "Reporting report"), "admin/redgrid/reporting/report", Section, RedGridPermissions.Reports, 90));
    }
}
