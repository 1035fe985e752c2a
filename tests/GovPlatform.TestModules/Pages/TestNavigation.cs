using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Navigation;

namespace GovPlatform.TestModules.Pages;

/// <summary>A public menu item and admin items in two sections.</summary>
[ForFeature("Test.Pages")]
public sealed class TestNavigation : INavigationProvider
{
    public static readonly BilingualText Content = new("内容管理", "Content");
    public static readonly BilingualText System = new("系统设置", "System");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Site)
        {
            items.Add(new NavigationItem(new("通知公告", "Notices"), "notices", new("网站", "Site"), Position: 10));
        }
        else if (menu == Menus.Admin)
        {
            items.Add(new NavigationItem(new("功能", "Features"), "admin/features", System, Position: 100));
            items.Add(new NavigationItem(new("页面", "Pages"), "admin/pages", Content, Position: 10));
            items.Add(new NavigationItem(new("公告", "Notices"), "admin/notices", Content, Position: 20));
        }
    }
}
