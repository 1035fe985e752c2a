using GovPlatform.Localization;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Rules;

/// <summary>One thing a grid rule found wrong.</summary>
/// <param name="Kind">Which rule.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="UnitCode">The unit the finding is on (the smaller code of an overlapping pair).</param>
/// <param name="OtherCode">The parent (outside), the other sibling (overlap), or null.</param>
/// <param name="AreaSquareMeters">The area at fault on the local metric plane; 0 for household findings.</param>
/// <param name="Shape">The area at fault in WGS84, for drawing on a map; null for household findings.</param>
/// <param name="Message">What is wrong, in Chinese and English.</param>
public sealed record GridFinding(
    GridFindingKind Kind,
    GridFindingSeverity Severity,
    string UnitCode,
    string? OtherCode,
    double AreaSquareMeters,
    Geometry? Shape,
    BilingualText Message);
