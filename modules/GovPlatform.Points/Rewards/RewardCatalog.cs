using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Rewards;

/// <summary>How a catalogue change went.</summary>
public enum CatalogStatus
{
    /// <summary>Saved.</summary>
    Done,

    /// <summary>No such reward.</summary>
    NotFound,

    /// <summary>Bad input (see the errors).</summary>
    Invalid,

    /// <summary>The user may not manage rewards of that unit (or a tenant-wide reward).</summary>
    Forbidden,

    /// <summary>Someone else changed the reward since the page was opened.</summary>
    Stale,
}

/// <summary>The outcome of a catalogue change, with the errors by field.</summary>
public sealed record CatalogResult(CatalogStatus Status, Reward? Reward = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status == CatalogStatus.Done;

    internal static CatalogResult Refused(CatalogStatus status, string field, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });
}

/// <summary>A unit as a grid-scoped resource, for permission checks on records that do not implement it themselves.</summary>
internal sealed record ScopedUnit(string? GridUnitCode) : IGridScopedResource;

/// <summary>
/// The reward catalogue (奖品目录): creates, edits and deactivates rewards, and moves a goods reward's stock by a restock
/// or a write-off with its reason. Managing a reward needs <see cref="PointsPermissions.Rewards"/> over its unit, and a
/// tenant-wide reward a tenant-wide user. A redemption's stock change is the ledger's (<see cref="PointsLedger.RedeemAsync"/>);
/// a staff stock change is a conditional update on the version the page was opened with, so it never lands on a stock
/// that moved meanwhile and never goes below zero. Every change is audited.
/// </summary>
public sealed class RewardCatalog(TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The highest points price.</summary>
    public const int MaxPrice = 100_000;

    private static readonly BilingualText Required = new("必填。", "Required.");

    private static readonly BilingualText StaleMessage = new(
        "这件奖品刚被他人修改或有人兑换，请刷新页面后再改。", "Someone changed this reward (or redeemed it) since you opened the page; reload it and make your change again.");

    /// <summary>Whether a reward of <paramref name="rewardUnit"/> is offered to a volunteer of <paramref name="volunteerUnit"/>: a tenant-wide reward everywhere, another in its unit's subtree.</summary>
    public async Task<bool> OfferedInAsync(string volunteerUnit, string? rewardUnit) =>
        rewardUnit is null || await grid.IsWithinAsync(rewardUnit, volunteerUnit);

    /// <summary>The active rewards offered to a volunteer of <paramref name="volunteerUnit"/>: tenant-wide ones and those of the unit or a unit above it.</summary>
    public async Task<List<Reward>> OfferedToAsync(string volunteerUnit, CancellationToken cancellationToken = default)
    {
        var codes = (await grid.GetAncestorsAsync(volunteerUnit, cancellationToken)).Select(u => u.Code).Append(volunteerUnit).ToList();
        return await db.Set<Reward>().AsNoTracking()
            .Where(r => r.Active && (r.GridUnitCode == null || codes.Contains(r.GridUnitCode)))
            .OrderBy(r => r.PointsPrice).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="user"/> may manage rewards of <paramref name="unit"/> (null: the whole tenant, for tenant-wide users only).</summary>
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, string? unit)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (unit is null && user.FindAll(GovClaimTypes.GridUnit).Any(c => c.Value.Length > 0))
        {
            return false;
        }

        return await authorization.HasPermissionAsync(user, PointsPermissions.Rewards, new ScopedUnit(unit));
    }

    /// <summary>Why <paramref name="form"/> cannot be saved, by field (<paramref name="creating"/>: the stock is read too); the parsed reward when it can.</summary>
    public async Task<(Dictionary<string, BilingualText> Errors, Reward Parsed)> ValidateAsync(RewardForm form, bool creating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var reward = new Reward();
        if (Enum.TryParse<RewardKind>(form.Kind, out var kind) && Enum.IsDefined(kind))
        {
            reward.Kind = kind;
        }
        else
        {
            errors["kind"] = new("请选择实物或荣誉。", "Choose goods or an honour.");
        }

        reward.Name = Text(form.Name, "name", 100, true, errors) ?? "";
        reward.EnglishName = Text(form.EnglishName, "englishName", 200, false, errors) ?? "";
        reward.Description = Text(form.Description, "description", 2000, false, errors);
        reward.PickUpPlace = Text(form.PickUpPlace, "pickUpPlace", 200, false, errors);

        if (int.TryParse(form.PointsPrice?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var price) && price is >= 1 and <= MaxPrice)
        {
            reward.PointsPrice = price;
        }
        else
        {
            errors["pointsPrice"] = new($"所需积分应为 1 到 {MaxPrice} 之间的整数。", $"The points price is a whole number from 1 to {MaxPrice:N0}.");
        }

        if (creating)
        {
            var stock = form.Stock?.Trim();
            if (string.IsNullOrEmpty(stock))
            {
                if (reward.Kind == RewardKind.Goods)
                {
                    errors["stock"] = new("实物奖品要填写库存（0 或更多）。", "Goods need a stock (0 or more).");
                }
            }
            else if (int.TryParse(stock, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 1_000_000)
            {
                reward.Stock = count;
            }
            else
            {
                errors["stock"] = new("库存应为 0 到 1000000 之间的整数。", "The stock is a whole number from 0 to 1,000,000.");
            }
        }

        if (ParseYuan(form.Value) is { } fen)
        {
            reward.ValueFen = fen;
        }
        else
        {
            errors["value"] = new("价值以元计，最多两位小数，例如 12.50。", "The value is in yuan with at most two decimals, e.g. 12.50.");
        }

        var unit = form.GridUnitCode?.Trim();
        if (!string.IsNullOrEmpty(unit))
        {
            if (await grid.FindAsync(unit, cancellationToken) is { } found)
            {
                reward.GridUnitCode = found.Code;
            }
            else
            {
                errors["gridUnit"] = new($"本区网格中没有单位“{unit}”。", $"The district's grid has no unit '{unit}'.");
            }
        }

        return (errors, reward);
    }

    /// <summary>Adds a reward to the catalogue.</summary>
    public async Task<CatalogResult> CreateAsync(RewardForm form, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (errors, reward) = await ValidateAsync(form, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return new(CatalogStatus.Invalid, Errors: errors);
        }

        if (!await MayManageAsync(user, reward.GridUnitCode))
        {
            return CatalogResult.Refused(CatalogStatus.Forbidden, "gridUnit", UnitRefusal(reward.GridUnitCode));
        }

        reward.Active = true;
        reward.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        reward.Version = 1;
        await db.InTransactionAsync(async ct =>
        {
            db.Add(reward);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "create-reward", $"reward:{reward.Id}",
                $"Reward {reward.Name} added: {reward.PointsPrice} points, stock {reward.Stock?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"}", null, Snapshot(reward)), ct);
            return true;
        }, cancellationToken);
        return new(CatalogStatus.Done, reward);
    }

    /// <summary>Edits a reward (not its stock: that moves by <see cref="MoveStockAsync"/>); <paramref name="version"/> is the one the page was opened with.</summary>
    public async Task<CatalogResult> UpdateAsync(long id, RewardForm form, int? version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await db.Set<Reward>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } current)
        {
            return new(CatalogStatus.NotFound);
        }

        if (!await MayManageAsync(user, current.GridUnitCode))
        {
            return CatalogResult.Refused(CatalogStatus.Forbidden, "gridUnit", UnitRefusal(current.GridUnitCode));
        }

        var (errors, parsed) = await ValidateAsync(form, creating: false, cancellationToken);
        if (!errors.ContainsKey("kind") && parsed.Kind == RewardKind.Goods && current.Kind == RewardKind.Honour && current.Stock is null)
        {
            errors["kind"] = new("不限数量的荣誉不能改为实物；请新建实物奖品。", "An unlimited honour cannot become goods; add the goods as a new reward.");
        }

        if (errors.Count > 0)
        {
            return new(CatalogStatus.Invalid, Errors: errors);
        }

        if (!await MayManageAsync(user, parsed.GridUnitCode))
        {
            return CatalogResult.Refused(CatalogStatus.Forbidden, "gridUnit", UnitRefusal(parsed.GridUnitCode));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async ct =>
        {
            var expected = version ?? current.Version;
            var changed = await db.Set<Reward>().Where(r => r.Id == id && r.Version == expected).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Kind, parsed.Kind).SetProperty(r => r.Name, parsed.Name).SetProperty(r => r.EnglishName, parsed.EnglishName)
                .SetProperty(r => r.Description, parsed.Description).SetProperty(r => r.PointsPrice, parsed.PointsPrice)
                .SetProperty(r => r.ValueFen, parsed.ValueFen).SetProperty(r => r.GridUnitCode, parsed.GridUnitCode)
                .SetProperty(r => r.PickUpPlace, parsed.PickUpPlace).SetProperty(r => r.UpdatedUtc, now).SetProperty(r => r.Version, r => r.Version + 1), ct);
            if (changed == 0)
            {
                return CatalogResult.Refused(CatalogStatus.Stale, "stale", StaleMessage);
            }

            var saved = await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "update-reward", $"reward:{id}", $"Reward {saved.Name} changed", Snapshot(current), Snapshot(saved)), ct);
            return new CatalogResult(CatalogStatus.Done, saved);
        }, cancellationToken);
    }

    /// <summary>Deactivates (no longer offered; its orders stay) or reactivates a reward.</summary>
    public async Task<CatalogResult> SetActiveAsync(long id, bool active, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await db.Set<Reward>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } current)
        {
            return new(CatalogStatus.NotFound);
        }

        if (!await MayManageAsync(user, current.GridUnitCode))
        {
            return CatalogResult.Refused(CatalogStatus.Forbidden, "gridUnit", UnitRefusal(current.GridUnitCode));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async ct =>
        {
            await db.Set<Reward>().Where(r => r.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Active, active).SetProperty(r => r.UpdatedUtc, now).SetProperty(r => r.Version, r => r.Version + 1), ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, active ? "activate-reward" : "deactivate-reward", $"reward:{id}",
                $"Reward {current.Name} {(active ? "reactivated" : "deactivated")}"), ct);
            return new CatalogResult(CatalogStatus.Done, await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == id, ct));
        }, cancellationToken);
    }

    /// <summary>
    /// A restock (<c>restock</c>, adds) or a write-off (<c>write-off</c>, takes away: damaged, lost) of a reward with a
    /// stock, with its reason, on the <paramref name="version"/> the page showed; never below zero.
    /// </summary>
    public async Task<CatalogResult> MoveStockAsync(long id, StockForm form, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        if (await db.Set<Reward>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } current)
        {
            return new(CatalogStatus.NotFound);
        }

        if (!await MayManageAsync(user, current.GridUnitCode))
        {
            return CatalogResult.Refused(CatalogStatus.Forbidden, "gridUnit", UnitRefusal(current.GridUnitCode));
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var restock = form.Direction == "restock";
        if (!restock && form.Direction != "write-off")
        {
            errors["direction"] = new("请选择入库或报损。", "Choose a restock or a write-off.");
        }

        if (!int.TryParse(form.Quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > 1_000_000)
        {
            errors["quantity"] = new("数量应为 1 到 1000000 之间的整数。", "The quantity is a whole number from 1 to 1,000,000.");
        }

        var reason = Text(form.Reason, "reason", 200, true, errors);
        if (current.Stock is null)
        {
            errors["quantity"] = new("这项荣誉不限数量，没有库存。", "This honour is unlimited: it has no stock.");
        }

        if (errors.Count > 0)
        {
            return new(CatalogStatus.Invalid, Errors: errors);
        }

        var delta = restock ? quantity : -quantity;
        var expected = form.Version ?? current.Version;
        return await db.InTransactionAsync(async ct =>
        {
            var changed = await db.Set<Reward>().Where(r => r.Id == id && r.Version == expected && r.Stock != null && r.Stock + delta >= 0)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock + delta).SetProperty(r => r.UpdatedUtc, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(r => r.Version, r => r.Version + 1), ct);
            if (changed == 0)
            {
                var now = await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
                return now.Version != expected
                    ? CatalogResult.Refused(CatalogStatus.Stale, "stale", StaleMessage)
                    : CatalogResult.Refused(CatalogStatus.Invalid, "quantity", new($"库存只有 {now.Stock}，报损不能超过库存。", $"Only {now.Stock} in stock: a write-off cannot take more."));
            }

            var saved = await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, restock ? "restock" : "write-off", $"reward:{id}",
                $"{current.Name}: {delta:+#;-#;0} ({reason}), stock {saved.Stock}"), ct);
            return new CatalogResult(CatalogStatus.Done, saved);
        }, cancellationToken);
    }

    /// <summary>A yuan amount typed as text (<c>12.50</c>, <c>12</c>, empty for 0) in fen; null when it is not one.</summary>
    public static long? ParseYuan(string? text)
    {
        var value = text?.Trim().TrimStart('¥', '￥') ?? "";
        if (value.Length == 0)
        {
            return 0;
        }

        return decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan) && yuan <= 10_000_000m && decimal.Round(yuan, 2) == yuan
            ? (long)(yuan * 100)
            : null;
    }

    /// <summary>Fen as the text the form shows (<c>12.50</c>).</summary>
    public static string FormatYuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static BilingualText UnitRefusal(string? unit) => unit is null
        ? new("只有全区范围的工作人员可以管理面向全区的奖品。", "Only staff of the whole district may manage a district-wide reward.")
        : new($"您不能管理“{unit}”的奖品。", $"You may not manage rewards of '{unit}'.");

    private static string? Text(string? value, string field, int max, bool required, Dictionary<string, BilingualText> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors[field] = Required;
            }

            return null;
        }

        if (text.Length > max)
        {
            errors[field] = new($"最多 {max} 个字。", $"At most {max} characters.");
        }

        return text;
    }

    private static JsonObject Snapshot(Reward reward) => new()
    {
        ["kind"] = reward.Kind.ToString(),
        ["name"] = reward.Name,
        ["englishName"] = reward.EnglishName,
        ["pointsPrice"] = reward.PointsPrice,
        ["stock"] = reward.Stock,
        ["valueFen"] = reward.ValueFen,
        ["gridUnitCode"] = reward.GridUnitCode,
        ["pickUpPlace"] = reward.PickUpPlace,
        ["active"] = reward.Active,
    };
}
