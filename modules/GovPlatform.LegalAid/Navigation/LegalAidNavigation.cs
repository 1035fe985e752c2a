using GovPlatform.LegalAid.Security;
using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.LegalAid.Navigation;

/// <summary>The residents' pages in the site menu, the staff's in the admin menu.</summary>
internal sealed class LegalAidNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("公共法律服务", "Legal services");
    private static readonly BilingualText Site = new("网站", "Site");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            items.Add(new NavigationItem(new("法律服务", "Legal services"), "legal", Site, null, 60));
            items.Add(new NavigationItem(new("夜间接访", "Evening receptions"), "legal/receptions", Site, null, 61));
            return;
        }

        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("预约接待", "Appointments"), "admin/legal/appointments", Section, LegalAidPermissions.View, 10));
        items.Add(new NavigationItem(new("法律咨询", "Consultations"), "admin/legal/consultations", Section, LegalAidPermissions.View, 20));
        items.Add(new NavigationItem(new("法律援助申请", "Legal aid applications"), "admin/legal/applications", Section, LegalAidPermissions.View, 30));
        items.Add(new NavigationItem(new("夜间接访", "Evening receptions"), "admin/legal/receptions", Section, LegalAidPermissions.View, 40));
        items.Add(new NavigationItem(new("服务统计", "Statistics"), "admin/legal/statistics", Section, LegalAidPermissions.Statistics, 50));
        items.Add(new NavigationItem(new("服务站点", "Stations"), "admin/legal/stations", Section, LegalAidPermissions.View, 60));
        items.Add(new NavigationItem(new("律师与法律顾问", "Lawyers and advisers"), "admin/legal/advisers", Section, LegalAidPermissions.View, 70));
        items.Add(new NavigationItem(new("服务规则", "Legal service rules"), "admin/legal/settings", Section, LegalAidPermissions.Manage, 80));
    }
}
