using GovPlatform.Localization;

namespace GovPlatform.Petitions;

/// <summary>An item of the hall's duty list (职责清单) a petition can be filed under.</summary>
/// <param name="Code">The item's code (what <see cref="PetitionReferralRequest.CategoryCode"/> takes).</param>
/// <param name="Name">The item's name with its category's (<c>矛盾纠纷 / 邻里纠纷</c>).</param>
public sealed record PetitionCategoryInfo(string Code, BilingualText Name);

/// <summary>The hall's duty list as other modules see it, for their settings pages and their defaults.</summary>
public interface IPetitionCategories
{
    /// <summary>The items a petition can be filed under now (active), in the catalogue's order.</summary>
    Task<IReadOnlyList<PetitionCategoryInfo>> GetSelectableAsync(CancellationToken cancellationToken = default);
}
