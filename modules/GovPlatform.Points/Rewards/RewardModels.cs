using GovPlatform.Points.Models;

namespace GovPlatform.Points.Rewards;

/// <summary>An option of a select.</summary>
public sealed record RewardOption(string Value, string Text);

/// <summary>A reward in the staff catalogue.</summary>
public sealed record RewardRow(Reward Reward, string Unit, bool CanManage);

/// <summary>An order in the staff list.</summary>
public sealed record OrderRow(RedemptionOrder Order, string Volunteer, string Reward, string Unit, bool CanHandle);

/// <summary>An order on the volunteer's own page (the pick-up code is theirs to show).</summary>
public sealed record MyOrderRow(RedemptionOrder Order, string Reward, string? PickUpPlace);

/// <summary>What the volunteer's rewards page shows: who, the balance, the rewards offered, their orders, a notice.</summary>
public sealed class RedeemModel
{
    /// <summary>The signed-in user's volunteer profile, or null when they have none.</summary>
    public Volunteer? Volunteer { get; init; }

    public IReadOnlyList<Reward> Rewards { get; init; } = [];

    public IReadOnlyList<MyOrderRow> Orders { get; init; } = [];

    /// <summary>The key each redeem form carries (one per page view: a repeat of its post is the same order).</summary>
    public string IdempotencyKey { get; init; } = "";

    /// <summary>The order just placed (or replayed), shown with its number and pick-up code.</summary>
    public RedemptionOrder? Placed { get; init; }

    public string? PlacedReward { get; init; }

    /// <summary>Why the redemption was refused, and of which reward.</summary>
    public string? Problem { get; init; }

    public long? ProblemRewardId { get; init; }

    public string? Quantity { get; init; }
}
