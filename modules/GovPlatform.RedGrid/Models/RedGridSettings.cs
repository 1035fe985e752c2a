using GovPlatform.Data;

namespace GovPlatform.RedGrid.Models;

/// <summary>A tenant's red-grid rules (document <c>redgrid-settings</c>).</summary>
[Document("redgrid-settings")]
public sealed class RedGridSettings
{
    /// <summary>The grid depth of the units that each should have a party branch (一格一支部): 4, the grid under district → street → community.</summary>
    public int BranchDepth { get; set; } = 4;

    /// <summary>The grid depth of communities (members report to them; needs and pairings are theirs): 3.</summary>
    public int CommunityDepth { get; set; } = 3;
}
