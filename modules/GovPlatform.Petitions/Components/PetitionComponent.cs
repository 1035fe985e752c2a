using GovPlatform.Themes;

namespace GovPlatform.Petitions.Components;

/// <summary>The petitions hall's pages' base: the tenant's base path, texts in the reader's language, dates in the tenant's zone.</summary>
public abstract class PetitionComponent : PageComponent
{
    protected string CaseUrl(long id) => Url($"admin/petitions/{id}");
}
