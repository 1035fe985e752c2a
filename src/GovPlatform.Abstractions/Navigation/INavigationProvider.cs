namespace GovPlatform.Navigation;

/// <summary>Adds a feature's links to the tenant's menus. Found by the module scan: a module implements it and does not register it.</summary>
public interface INavigationProvider
{
    /// <summary>Adds items to <paramref name="menu"/> (see <see cref="Menus"/>); a provider ignores menus it has nothing for.</summary>
    void Build(string menu, ICollection<NavigationItem> items);

    /// <summary>
    /// Adds items that come from the tenant's data (a provider is scoped, so it may take the request's services); the
    /// menu calls this, which by default calls <see cref="Build"/>.
    /// </summary>
    ValueTask BuildAsync(string menu, ICollection<NavigationItem> items, CancellationToken cancellationToken)
    {
        Build(menu, items);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The menus the themes render.</summary>
public static class Menus
{
    /// <summary>The tenant admin's side menu.</summary>
    public const string Admin = "admin";

    /// <summary>The public site's main menu.</summary>
    public const string Site = "site";
}
