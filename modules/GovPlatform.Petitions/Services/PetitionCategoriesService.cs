using System.Globalization;
using GovPlatform.Data;

namespace GovPlatform.Petitions.Services;

/// <summary>The duty list for other modules (<see cref="IPetitionCategories"/>), from the shell's cached catalogue.</summary>
internal sealed class PetitionCategoriesService(TenantDbContext db, PetitionCatalogCache catalogs) : IPetitionCategories
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public async Task<IReadOnlyList<PetitionCategoryInfo>> GetSelectableAsync(CancellationToken cancellationToken = default)
    {
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var items = new List<PetitionCategoryInfo>();
        foreach (var root in catalog.Roots)
        {
            // A category's items follow it; a category without active items is an item itself.
            foreach (var category in new[] { root }.Concat(catalog.ItemsOf(root.Code)).Where(catalog.IsSelectable))
            {
                items.Add(new(category.Code, new(catalog.NameOf(category.Code, Chinese), catalog.NameOf(category.Code, English))));
            }
        }

        return items;
    }
}
