using GovPlatform.Contents.Security;
using GovPlatform.Localization;
using GovPlatform.Navigation;

namespace GovPlatform.Contents.Navigation;

/// <summary>The contents admin pages in the admin menu, and the types' public list pages in the site menu.</summary>
internal sealed class ContentNavigation(ContentListMenu lists, IServiceProvider services) : INavigationProvider
{
    private static readonly BilingualText Section = new("内容", "Contents");
    private static readonly BilingualText Site = new("网站", "Site");

    public async ValueTask BuildAsync(string menu, ICollection<NavigationItem> items, CancellationToken cancellationToken)
    {
        Build(menu, items);
        if (menu != Menus.Site)
        {
            return;
        }

        var position = 20;
        foreach (var (name, slug) in await lists.GetAsync(services, cancellationToken))
        {
            items.Add(new NavigationItem(name, slug, Site, null, position++));
        }
    }

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
