using GovPlatform.Localization;

namespace GovPlatform.Grid;

/// <summary>
/// Supplies a count per grid unit for the grid's roll-ups (petitions open, volunteers, disputes…). Register it in the
/// feature's services; the roll-up sums it over each subtree.
/// </summary>
public interface IGridCountContributor
{
    /// <summary>A stable key for the count (<c>petitions.open</c>).</summary>
    string Key { get; }

    /// <summary>The count's column title.</summary>
    BilingualText Name { get; }

    /// <summary>The count per unit code; units that are not listed count zero.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByUnitAsync(CancellationToken cancellationToken);
}
