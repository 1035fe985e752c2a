using GovPlatform.Themes;

namespace GovPlatform.Mediation.Components;

/// <summary>The mediation pages' base: the tenant's base path, texts in the reader's language, dates in the tenant's zone.</summary>
public abstract class MediationComponent : PageComponent
{
    /// <summary>The module's stylesheet.</summary>
    protected const string Stylesheet = "/_content/GovPlatform.Mediation/mediation.css";

    /// <summary>The dispute's page.</summary>
    protected string DisputeUrl(long id) => Url($"admin/mediation/disputes/{id}");
}
