using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Rules;

/// <summary>Builds the rules' view of the units from a grid snapshot.</summary>
internal static class RuleUnits
{
    /// <summary>Every unit of the snapshot, in pre-order, with its parsed boundary.</summary>
    public static IReadOnlyList<RuleUnit> From(GridTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return [.. tree.PreOrder.Select(Of)];
    }

    /// <summary>One unit of a snapshot as the rules see it.</summary>
    public static RuleUnit Of(GridNode node) =>
        new(node.Code, node.Unit.Name, node.Parent?.Code, node.Depth, node.Unit.Kind, node.Boundary, node.Unit.Households);
}
