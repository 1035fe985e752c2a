using System.Globalization;
using GovPlatform.Points.Models;

namespace GovPlatform.Points.Rewards;

/// <summary>A reward's form as posted, every value a string so that what was typed is shown again beside its error.</summary>
public sealed class RewardForm
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    public string? Description { get; set; }

    public string? PointsPrice { get; set; }

    /// <summary>Read when the reward is created; afterwards the stock moves by restocks and write-offs.</summary>
    public string? Stock { get; set; }

    /// <summary>The value of one item in yuan (<c>12.50</c>).</summary>
    public string? Value { get; set; }

    /// <summary>Empty for the whole district.</summary>
    public string? GridUnitCode { get; set; }

    public string? PickUpPlace { get; set; }

    /// <summary>The reward's version when the page was opened (stale-edit check).</summary>
    public int? Version { get; set; }

    /// <summary>The form of a stored reward.</summary>
    public static RewardForm From(Reward reward) => new()
    {
        Kind = reward.Kind.ToString(),
        Name = reward.Name,
        EnglishName = reward.EnglishName,
        Description = reward.Description,
        PointsPrice = reward.PointsPrice.ToString(CultureInfo.InvariantCulture),
        Stock = reward.Stock?.ToString(CultureInfo.InvariantCulture),
        Value = RewardCatalog.FormatYuan(reward.ValueFen),
        GridUnitCode = reward.GridUnitCode,
        PickUpPlace = reward.PickUpPlace,
        Version = reward.Version,
    };
}

/// <summary>A restock or write-off as posted.</summary>
public sealed class StockForm
{
    /// <summary><c>restock</c> or <c>write-off</c>.</summary>
    public string? Direction { get; set; }

    public string? Quantity { get; set; }

    public string? Reason { get; set; }

    public int? Version { get; set; }
}

/// <summary>The activate/deactivate button.</summary>
public sealed class ActiveForm
{
    public bool Active { get; set; }
}

/// <summary>A volunteer's redemption as posted; the key is made when the page is shown, so a repeat of the post is one order.</summary>
public sealed class RedeemForm
{
    public long RewardId { get; set; }

    public string? Quantity { get; set; }

    public string? IdempotencyKey { get; set; }
}

/// <summary>A hand-over at the pick-up point: the code the volunteer shows.</summary>
public sealed class FulfilForm
{
    public string? PickUpCode { get; set; }
}

/// <summary>An order's cancellation with its reason.</summary>
public sealed class CancelForm
{
    public string? Reason { get; set; }
}
