using GovPlatform.Data;

namespace GovPlatform.Grid.Models;

/// <summary>The tenant's grid rules, kept as a document.</summary>
[Document("grid-rules")]
public sealed class GridRuleSettings
{
    public const string DocumentId = "grid-rules";

    /// <summary>
    /// Slivers thinner than twice this many metres are ignored: two boundaries digitised a little differently along a
    /// shared edge do not overlap, and a child poking out of its parent by less is still inside.
    /// </summary>
    public double ToleranceMeters { get; set; } = 1.0;

    /// <summary>万源's rule: the territorial children of a unit with a boundary cover it with no gap.</summary>
    public bool RequireFullCoverage { get; set; }
}
