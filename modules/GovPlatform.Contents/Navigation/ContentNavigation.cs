using GovPlatform.Contents.Security;
using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Contents.Navigation;

/// <summary>The contents admin pages in the admin menu.</summary>
internal sealed class ContentNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("内容", "Contents");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("内容", "Content items"), "admin/contents", Section, ContentPermissions.View, 10));
        items.Add(new NavigationItem(new("内容类型", "Content types"), "admin/contents/types", Section, ContentPermissions.ManageTypes, 20));
        items.Add(new NavigationItem(new("内容模板", "Content templates"), "admin/contents/templates", Section, ContentPermissions.ManageTypes, 30));
        items.Add(new NavigationItem(new("媒体库", "Media library"), "admin/contents/media", Section, ContentPermissions.ManageMedia, 40));
    }
}
