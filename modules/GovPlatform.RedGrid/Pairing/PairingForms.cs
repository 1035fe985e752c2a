namespace GovPlatform.RedGrid.Pairings;

/// <summary>The new-pairing form, as posted: every value as typed, so errors can be shown beside it.</summary>
public sealed class PairingForm
{
    public string? Kind { get; set; }

    /// <summary>The paired organisation's code (BranchCommunity).</summary>
    public string? Organisation { get; set; }

    /// <summary>The paired member's id (MemberHousehold).</summary>
    public string? Member { get; set; }

    public string? Household { get; set; }

    /// <summary>The community.</summary>
    public string? GridUnit { get; set; }

    public string? StartsOn { get; set; }

    public string? EndsOn { get; set; }
}

/// <summary>The help form on a pairing's page, as posted.</summary>
public sealed class HelpForm
{
    public string? Kind { get; set; }

    /// <summary>Yuan, up to two decimals (money and goods).</summary>
    public string? Amount { get; set; }

    public string? Problems { get; set; }

    public string? Description { get; set; }

    public string? GivenOn { get; set; }
}
