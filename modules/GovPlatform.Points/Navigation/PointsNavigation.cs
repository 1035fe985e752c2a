using GovPlatform.Localization;
using GovPlatform.Navigation;
using GovPlatform.Points.Security;

namespace GovPlatform.Points.Navigation;

/// <summary>The volunteers' pages in the site menu, the staff's in the admin menu.</summary>
internal sealed class PointsNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("积分制", "Volunteer points");
    private static readonly BilingualText Site = new("网站", "Site");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            items.Add(new NavigationItem(new("志愿活动", "Volunteer activities"), "points/activities", Site, null, 50));
            items.Add(new NavigationItem(new("积分光荣榜", "Honour roll"), "points/honour", Site, null, 51));
            return;
        }

        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("志愿者", "Volunteers"), "admin/points/volunteers", Section, PointsPermissions.View, 10));
        items.Add(new NavigationItem(new("志愿服务队", "Volunteer teams"), "admin/points/teams", Section, PointsPermissions.View, 20));
        items.Add(new NavigationItem(new("活动", "Activities"), "admin/points/activities", Section, PointsPermissions.View, 30));
        items.Add(new NavigationItem(new("奖品与兑换", "Rewards and orders"), "admin/points/rewards", Section, PointsPermissions.View, 40));
        items.Add(new NavigationItem(new("积分规则", "Points rules"), "admin/points/rules", Section, PointsPermissions.View, 50));
        items.Add(new NavigationItem(new("报表与表彰", "Reports and honours"), "admin/points/reports", Section, PointsPermissions.Reports, 60));
        items.Add(new NavigationItem(new("光荣榜与表彰", "Honour rolls"), "admin/points/honours", Section, PointsPermissions.Reports, 61));
    }
}
