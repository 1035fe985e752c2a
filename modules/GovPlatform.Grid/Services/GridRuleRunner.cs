using GovPlatform.Data;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Services;

/// <summary>Runs the rules over a snapshot, optionally with some units replaced or added as an edit or an import would leave them.</summary>
internal sealed class GridRuleRunner(IDocumentStore documents)
{
    public async Task<GridRuleSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await documents.GetAsync<GridRuleSettings>(GridRuleSettings.DocumentId, cancellationToken) ?? new GridRuleSettings();

    /// <summary>Every finding of the tenant: the admin's rules report.</summary>
    public async Task<IReadOnlyList<GridFinding>> ReportAsync(GridTree tree, CancellationToken cancellationToken) =>
        GridRuleChecker.Check(RuleUnits.From(tree), tree.Levels, await SettingsAsync(cancellationToken));

    /// <summary>
    /// The findings that involve <paramref name="changed"/>, with those units as given instead of as stored, and
    /// without the stored units under <paramref name="replacedCodes"/> (the old codes of a moved subtree).
    /// </summary>
    public async Task<IReadOnlyList<GridFinding>> CheckChangeAsync(
        GridTree tree, IReadOnlyList<RuleUnit> changed, CancellationToken cancellationToken, IReadOnlySet<string>? replacedCodes = null) =>
        GridRuleChecker.Check(Units(tree, changed, replacedCodes), tree.Levels, await SettingsAsync(cancellationToken), changed.Select(c => c.Code).ToHashSet(StringComparer.Ordinal));

    private static List<RuleUnit> Units(GridTree tree, IReadOnlyList<RuleUnit> changed, IReadOnlySet<string>? replacedCodes)
    {
        var replaced = changed.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var units = new List<RuleUnit>(tree.Count + replaced.Count);
        foreach (var node in tree.PreOrder)
        {
            if (replacedCodes?.Contains(node.Code) == true)
            {
                continue;
            }

            units.Add(replaced.Remove(node.Code, out var edit) ? edit : RuleUnits.Of(node));
        }

        units.AddRange(replaced.Values);
        return units;
    }
}
