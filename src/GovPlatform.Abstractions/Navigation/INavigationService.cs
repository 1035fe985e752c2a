using System.Security.Claims;

namespace GovPlatform.Navigation;

/// <summary>A menu as a user sees it: every enabled feature's items, those the user may not use left out, in order.</summary>
public interface INavigationService
{
    /// <summary>The menu's items for the user, grouped by section in the order of each section's first position.</summary>
    Task<IReadOnlyList<NavigationItem>> GetMenuAsync(string menu, ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
