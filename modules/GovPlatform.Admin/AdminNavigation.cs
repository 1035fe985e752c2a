using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Admin;

/// <summary>The admin's own menu items; other modules add theirs.</summary>
public sealed class AdminNavigation : INavigationProvider
{
    /// <summary>The first section of the admin menu.</summary>
    public static readonly BilingualText Section = new("系统", "System");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("概览", "Dashboard"), "admin", Section, AdminPermissions.Access, Position: 0));
        items.Add(new NavigationItem(new("功能", "Features"), "admin/features", Section, AdminPermissions.ManageFeatures, Position: 10));
        items.Add(new NavigationItem(new("站点设置", "Site settings"), "admin/settings", Section, AdminPermissions.ManageSettings, Position: 20));
        items.Add(new NavigationItem(new("工作日历", "Working calendar"), "admin/calendar", Section, AdminPermissions.Calendar, Position: 25));
        items.Add(new NavigationItem(new("审计日志", "Audit log"), "admin/audit", Section, AdminPermissions.ViewAuditLog, Position: 90));
    }
}
