using System.Security.Claims;
using GovPlatform.Navigation;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;

namespace GovPlatform.Core.Navigation;

/// <summary>Builds a menu from the enabled features' providers and leaves out what the user may not use.</summary>
internal sealed class NavigationService(IEnumerable<INavigationProvider> providers, IAuthorizationService authorization) : INavigationService
{
    public async Task<IReadOnlyList<NavigationItem>> GetMenuAsync(string menu, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var items = new List<NavigationItem>();
        foreach (var provider in providers)
        {
            await provider.BuildAsync(menu, items, cancellationToken);
        }

        var visible = new List<NavigationItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Permission is null || await authorization.HasPermissionAsync(user, item.Permission))
            {
                visible.Add(item);
            }
        }

        // Sections in the order of their first item's position; items by position within them.
        var sectionOrder = visible.GroupBy(i => i.Section).ToDictionary(g => g.Key, g => g.Min(i => i.Position));
        return [.. visible.OrderBy(i => sectionOrder[i.Section]).ThenBy(i => i.Section.Chinese, StringComparer.Ordinal).ThenBy(i => i.Position)];
    }
}
