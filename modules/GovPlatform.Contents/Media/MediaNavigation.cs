using GovPlatform.Contents.Security;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Navigation;

namespace GovPlatform.Contents.Media;

/// <summary>The media library in the admin menu.</summary>
[ForFeature("GovPlatform.Contents")]
internal sealed class MediaNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("内容", "Contents");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Admin)
        {
            items.Add(new NavigationItem(new("媒体库", "Media library"), "admin/contents/media", Section, ContentPermissions.ManageMedia, 50));
        }
    }
}
