using System.Text.Json.Nodes;

namespace GovPlatform.Core.State;

/// <summary>Merging of site-settings documents.</summary>
public static class SiteSettings
{
    /// <summary>Deep-merges <paramref name="patch"/> into <paramref name="target"/>: objects merge, other values replace, null removes.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
