namespace GovPlatform.Points.Models;

/// <summary>
/// The points rules of a grid unit's subtree (null unit: the tenant's own). The rule in force for a unit is the nearest
/// set up the grid; a set states everything it says (points per type, caps, approval, expiry), nothing is merged.
/// </summary>
public sealed class PointRuleSet
{
    public long Id { get; set; }

    /// <summary>The unit (a township, a village) whose subtree these rules govern; null for the whole tenant.</summary>
    public string? GridUnitCode { get; set; }

    /// <summary>Points per activity type, by type name (<c>Patrol</c>: 10); a type not listed earns <see cref="DefaultPoints"/>.</summary>
    public Dictionary<string, int> PointsPerType { get; set; } = [];

    public int DefaultPoints { get; set; } = 10;

    /// <summary>The most a volunteer may earn in one local day (0: no cap).</summary>
    public int DailyCap { get; set; }

    /// <summary>The most a volunteer may earn in one calendar month (0: no cap).</summary>
    public int MonthlyCap { get; set; }

    /// <summary>Whether awards wait for a second staff member's approval before they count.</summary>
    public bool AwardsNeedApproval { get; set; }

    /// <summary>Months after which earned points expire unspent (0: never).</summary>
    public int ExpiryMonths { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}
