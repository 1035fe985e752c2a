using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;

namespace GovPlatform.RedGrid.Services;

/// <summary>Reads and stages the tenant's red-grid rules (document <c>redgrid-settings</c>).</summary>
public sealed class RedGridSettingsStore(IDocumentStore documents) : SettingsDocumentStore<RedGridSettings>(documents, Id)
{
    /// <summary>The settings document's id.</summary>
    public const string Id = "settings";

    /// <summary>Why <paramref name="settings"/> cannot be saved, by field; empty when they can.</summary>
    public static Dictionary<string, BilingualText> Validate(RedGridSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, BilingualText>();
        if (settings.BranchDepth is < 1 or > 10)
        {
            errors["branchDepth"] = new("应在 1 到 10 之间。", "Must be between 1 and 10.");
        }

        if (settings.CommunityDepth is < 1 or > 10 || settings.CommunityDepth > settings.BranchDepth)
        {
            errors["communityDepth"] = new("应在 1 到 10 之间，且不深于支部所在层级。", "Must be between 1 and 10 and not deeper than the branches' level.");
        }

        return errors;
    }
}
