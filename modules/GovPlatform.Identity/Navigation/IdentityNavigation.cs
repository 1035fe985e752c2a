using GovPlatform.Identity.Security;
using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Identity.Navigation;

/// <summary>Puts the users and roles pages in the admin menu.</summary>
internal sealed class IdentityNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("用户与权限", "Users and permissions");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("用户", "Users"), "admin/users", Section, IdentityPermissions.UsersManage, 10));
        items.Add(new NavigationItem(new("角色与权限", "Roles and permissions"), "admin/roles", Section, IdentityPermissions.RolesManage, 20));
    }
}
