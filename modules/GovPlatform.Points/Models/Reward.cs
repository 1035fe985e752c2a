namespace GovPlatform.Points.Models;

/// <summary>A reward in the catalogue: goods with a stock and a value in yuan, or an honour.</summary>
public sealed class Reward
{
    public long Id { get; set; }

    public RewardKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    public string? Description { get; set; }

    public int PointsPrice { get; set; }

    /// <summary>Items left; null for an honour without a limit. Never below zero.</summary>
    public int? Stock { get; set; }

    /// <summary>Value of one item in fen (分, hundredths of a yuan; integers sum in SQL on both providers), 0 for honours.</summary>
    public long ValueFen { get; set; }

    /// <summary>The unit whose volunteers may redeem it (its subtree); null for the whole tenant.</summary>
    public string? GridUnitCode { get; set; }

    /// <summary>Where it is picked up.</summary>
    public string? PickUpPlace { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A redemption order: the points are taken and the stock reserved in one transaction; then picked up.</summary>
public sealed class RedemptionOrder
{
    public long Id { get; set; }

    public string Number { get; set; } = "";

    public long VolunteerId { get; set; }

    public long RewardId { get; set; }

    public int Quantity { get; set; }

    public long Points { get; set; }

    /// <summary>The order's value in fen (quantity × the reward's value when placed).</summary>
    public long ValueFen { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>The code the volunteer shows at pick-up.</summary>
    public string PickUpCode { get; set; } = "";

    public long EntryId { get; set; }

    public string IdempotencyKey { get; set; } = "";

    public DateTime PlacedUtc { get; set; }

    public DateTime? FulfilledUtc { get; set; }

    public string? FulfilledBy { get; set; }

    public DateTime? CancelledUtc { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The volunteer's unit when ordering, for reports by unit.</summary>
    public string GridUnitCode { get; set; } = "";
}

/// <summary>A commendation of a volunteer on an honour roll (top ten of a unit's subtree for a period).</summary>
public sealed class Commendation
{
    public long Id { get; set; }

    public long VolunteerId { get; set; }

    /// <summary>The unit whose roll it is.</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>The period (<c>2026-11</c>, <c>2026</c>).</summary>
    public string Period { get; set; } = "";

    public int Rank { get; set; }

    public long Points { get; set; }

    public string Title { get; set; } = "";

    public string CommendedBy { get; set; } = "";

    public DateTime CommendedUtc { get; set; }
}
