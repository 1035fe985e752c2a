using GovPlatform.Contents.Services;
using GovPlatform.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Navigation;

/// <summary>
/// The public list pages for the site menu, kept by the shell for a short while: the menu is drawn on every public page,
/// and the types change rarely. A save on this node refreshes it at once; another node's within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ContentListMenu(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private volatile Entry? _entry;

    /// <summary>The lists; the request's services are asked for the definitions only when the kept copy is stale.</summary>
    public async ValueTask<IReadOnlyList<(BilingualText Name, string Slug)>> GetAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entry is { } entry && entry.Expires > now)
        {
            return entry.Lists;
        }

        var lists = (await services.GetRequiredService<ContentDefinitionStore>().ListAsync(cancellationToken))
            .Where(t => t.List?.Slug is { Length: > 0 })
            .Select(t => (t.DisplayName, t.List!.Slug!))
            .ToList();
        _entry = new Entry(lists, now + Lifetime);
        return lists;
    }

    public void Invalidate() => _entry = null;

    private sealed record Entry(IReadOnlyList<(BilingualText Name, string Slug)> Lists, DateTimeOffset Expires);
}
