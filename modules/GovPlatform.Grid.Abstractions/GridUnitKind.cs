namespace GovPlatform.Grid;

/// <summary>What a grid unit covers.</summary>
public enum GridUnitKind
{
    /// <summary>A piece of territory (网格): a street, a community, a grid, a micro-grid.</summary>
    Territorial = 0,

    /// <summary>A professional grid (专业网格) formed by a department (public security, justice, civil affairs…) rather than by territory.</summary>
    Professional = 1,
}
