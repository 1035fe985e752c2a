namespace GovPlatform.Grid.Rules;

/// <summary>What a grid rule found wrong.</summary>
public enum GridFindingKind
{
    /// <summary>Part of a unit's boundary lies outside its parent's.</summary>
    OutsideParent,

    /// <summary>Two territorial siblings claim the same ground.</summary>
    Overlap,

    /// <summary>Part of a territorial unit is covered by none of its territorial children.</summary>
    Gap,

    /// <summary>A territorial unit has fewer households than its level asks for.</summary>
    TooFewHouseholds,

    /// <summary>A territorial unit has more households than its level allows.</summary>
    TooManyHouseholds,
}
