using GovPlatform.Grid.Rules;

namespace GovPlatform.Grid.Services;

/// <summary>The outcome of an edit: errors by field (nothing saved), or success with the rule findings it left (warnings, or errors the tenant had before).</summary>
internal sealed record GridEditResult(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<GridFinding> Findings)
{
    public bool Succeeded => Errors.Count == 0;

    public static GridEditResult Failed(string field, string message) => new(new Dictionary<string, string> { [field] = message }, []);

    public static GridEditResult Success(IReadOnlyList<GridFinding>? findings = null) => new(new Dictionary<string, string>(), findings ?? []);
}
