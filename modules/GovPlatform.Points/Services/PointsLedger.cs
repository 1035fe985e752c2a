using System.Security.Cryptography;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Services;

/// <summary>How a ledger request went.</summary>
public enum LedgerStatus
{
    /// <summary>Written.</summary>
    Done,

    /// <summary>An earlier request with the same key was written; nothing changed.</summary>
    Replayed,

    /// <summary>No such volunteer, entry or reward.</summary>
    NotFound,

    /// <summary>Bad input (see the errors).</summary>
    Invalid,

    /// <summary>The balance would go below zero.</summary>
    Insufficient,

    /// <summary>The reward's stock would go below zero.</summary>
    OutOfStock,

    /// <summary>Not allowed now (a volunteer not approved, an entry already reversed, a reversal of a reversal).</summary>
    NotAllowed,
}

/// <summary>The outcome of a ledger request: the entry (and order) written or found, the balance after it, or why not.</summary>
public sealed record LedgerResult(LedgerStatus Status, PointEntry? Entry = null, long Balance = 0, IReadOnlyDictionary<string, BilingualText>? Errors = null, RedemptionOrder? Order = null)
{
    public bool Succeeded => Status is LedgerStatus.Done or LedgerStatus.Replayed;

    public static LedgerResult Refused(LedgerStatus status, string field, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });
}

/// <summary>An award of points (an activity's attendee, a staff award).</summary>
/// <param name="VolunteerId">Who earns.</param>
/// <param name="Amount">How many points (positive).</param>
/// <param name="Reason">Why, as the volunteer reads it.</param>
/// <param name="SourceType">What caused it (<c>activity</c>, <c>manual</c>, a module's name).</param>
/// <param name="SourceId">The source's id, or null.</param>
/// <param name="GridUnitCode">The unit whose rules applied.</param>
/// <param name="ExpiresUtc">When the points expire unspent, or null.</param>
/// <param name="IdempotencyKey">Makes a repeat a no-op (<c>activity:12:volunteer:7</c>).</param>
public sealed record EarnRequest(long VolunteerId, long Amount, string Reason, string SourceType, long? SourceId, string? GridUnitCode, DateTime? ExpiresUtc, string IdempotencyKey);

/// <summary>
/// The points ledger (积分台账). Entries are only ever appended; a volunteer's balance is kept in the volunteer's row,
/// changed in the same transaction as each entry by a conditional update (<c>balance = balance - n WHERE balance &gt;= n</c>),
/// so it equals the sum of the entries and can never go below zero, whatever arrives at the same instant. A reward's stock
/// is changed the same way in the redemption's transaction. Every request carries an idempotency key, unique in the
/// tenant: a repeat — even a simultaneous one — returns what the first wrote. Every change is audited.
/// </summary>
public sealed class PointsLedger(TenantDbContext db, IAuditLog audit, ITenant tenant, TimeProvider clock)
{
    /// <summary>The audit category of the module.</summary>
    public const string AuditCategory = "points";

    private static readonly BilingualText InsufficientMessage = new("积分余额不足。", "Not enough points.");

    /// <summary>Credits points.</summary>
    public async Task<LedgerResult> EarnAsync(EarnRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount <= 0 || request.Amount > 1_000_000)
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "amount", new("积分数应为 1 到 1000000 之间的整数。", "Points must be a whole number from 1 to 1,000,000."));
        }

        return await WriteAsync(request.IdempotencyKey, request.VolunteerId, requireApproved: true, async (volunteer, ct) =>
        {
            var entry = Entry(volunteer.Id, EntryKind.Earn, request.Amount, request.Reason, request.SourceType, request.SourceId, request.IdempotencyKey, actor);
            entry.GridUnitCode = request.GridUnitCode;
            entry.ExpiresUtc = request.ExpiresUtc;
            return await ApplyAsync(entry, ct);
        }, cancellationToken);
    }

    /// <summary>A staff adjustment with its reason: positive or negative, never below zero.</summary>
    public async Task<LedgerResult> AdjustAsync(long volunteerId, long amount, string reason, string idempotencyKey, string actor, CancellationToken cancellationToken = default)
    {
        if (amount == 0 || Math.Abs(amount) > 1_000_000)
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "amount", new("调整的积分数不能为 0，绝对值不超过 1000000。", "An adjustment is not zero and at most 1,000,000 either way."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "reason", new("请说明调整的原因。", "Say why the points are adjusted."));
        }

        return await WriteAsync(idempotencyKey, volunteerId, requireApproved: false, (volunteer, ct) =>
            ApplyAsync(Entry(volunteer.Id, EntryKind.Adjust, amount, reason, "manual", null, idempotencyKey, actor), ct), cancellationToken);
    }

    /// <summary>Undoes an entry by an entry of the opposite amount (never an edit); an entry is reversed at most once.</summary>
    public async Task<LedgerResult> ReverseAsync(long entryId, string reason, string idempotencyKey, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "reason", new("请说明冲正的原因。", "Say why the entry is reversed."));
        }

        var original = await db.Set<PointEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (original is null)
        {
            return new LedgerResult(LedgerStatus.NotFound);
        }

        return await WriteAsync(idempotencyKey, original.VolunteerId, requireApproved: false, async (volunteer, ct) =>
        {
            if (original.Kind == EntryKind.Reverse)
            {
                return LedgerResult.Refused(LedgerStatus.NotAllowed, "entryId", new("冲正记录不能再冲正。", "A reversal cannot be reversed."));
            }

            if (await db.Set<PointEntry>().AnyAsync(e => e.ReversesId == original.Id, ct))
            {
                return LedgerResult.Refused(LedgerStatus.NotAllowed, "entryId", new("这条记录已经冲正过。", "This entry is already reversed."));
            }

            var entry = Entry(volunteer.Id, EntryKind.Reverse, -original.Amount, reason, original.SourceType, original.SourceId, idempotencyKey, actor);
            entry.ReversesId = original.Id;
            entry.GridUnitCode = original.GridUnitCode;
            return await ApplyAsync(entry, ct);
        }, cancellationToken);
    }

    /// <summary>
    /// Redeems a reward: the order, the points entry, the balance and the stock change in one transaction, or nothing
    /// does. Refused when the volunteer is not approved, the reward is inactive or not offered in the volunteer's unit,
    /// the balance or the stock is short.
    /// </summary>
    public async Task<LedgerResult> RedeemAsync(long volunteerId, long rewardId, int quantity, string idempotencyKey, string actor, Func<string, string?, Task<bool>> offeredIn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offeredIn);
        if (quantity is < 1 or > 100)
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "quantity", new("数量应为 1 到 100。", "The quantity is 1 to 100."));
        }

        if (!string.IsNullOrWhiteSpace(idempotencyKey) && await db.Set<RedemptionOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
        {
            return await ReplayedOrderAsync(earlier, cancellationToken);
        }

        var reward = await db.Set<Reward>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rewardId, cancellationToken);
        var volunteerUnit = await db.Set<Volunteer>().AsNoTracking().Where(v => v.Id == volunteerId).Select(v => v.GridUnitCode).FirstOrDefaultAsync(cancellationToken);
        if (reward is null || volunteerUnit is null)
        {
            return new LedgerResult(LedgerStatus.NotFound);
        }

        if (!reward.Active || !await offeredIn(volunteerUnit, reward.GridUnitCode))
        {
            return LedgerResult.Refused(LedgerStatus.NotAllowed, "rewardId", new("这件奖品不向您所在的网格开放。", "This reward is not offered where you live."));
        }

        var points = (long)reward.PointsPrice * quantity;
        var result = await WriteAsync(idempotencyKey, volunteerId, requireApproved: true, async (volunteer, ct) =>
        {
            if (reward.Stock is not null)
            {
                // The stock first: nothing else is written yet if it is short.
                var taken = await db.Set<Reward>().Where(r => r.Id == reward.Id && r.Stock >= quantity)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - quantity).SetProperty(r => r.Version, r => r.Version + 1), ct);
                if (taken == 0)
                {
                    return LedgerResult.Refused(LedgerStatus.OutOfStock, "rewardId", new("这件奖品已经兑完。", "This reward is out of stock."));
                }
            }

            var entry = Entry(volunteer.Id, EntryKind.Redeem, -points, $"兑换：{reward.Name} × {quantity}", "order", null, idempotencyKey, actor);
            var applied = await ApplyAsync(entry, ct);
            if (applied.Status != LedgerStatus.Done)
            {
                throw new LedgerRollback(applied);   // gives the stock back with everything else
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var order = new RedemptionOrder
            {
                Number = $"DH{TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)):yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}",
                VolunteerId = volunteer.Id,
                RewardId = reward.Id,
                Quantity = quantity,
                Points = points,
                ValueFen = reward.ValueFen * quantity,
                Status = OrderStatus.Placed,
                PickUpCode = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                EntryId = applied.Entry!.Id,
                IdempotencyKey = idempotencyKey,
                PlacedUtc = now,
                GridUnitCode = volunteer.GridUnitCode,
            };
            db.Add(order);
            await db.SaveChangesAsync(ct);
            await db.Set<PointEntry>().Where(e => e.Id == applied.Entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SourceId, order.Id), ct);
            applied.Entry.SourceId = order.Id;
            await audit.RecordAsync(new AuditEvent(AuditCategory, "redeem", order.Number, $"Volunteer {volunteer.Id}: {reward.Name} × {quantity}, {points} points"), ct);
            return applied with { Order = order };
        }, cancellationToken);
        return result.Status == LedgerStatus.Replayed && await db.Set<RedemptionOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, cancellationToken) is { } first
            ? await ReplayedOrderAsync(first, cancellationToken)
            : result;
    }

    /// <summary>Cancels an order not yet picked up: the points come back by a reversal, the stock by the same transaction.</summary>
    public async Task<LedgerResult> CancelOrderAsync(long orderId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var order = await db.Set<RedemptionOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return new LedgerResult(LedgerStatus.NotFound);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "reason", new("请说明取消的原因。", "Say why the order is cancelled."));
        }

        var key = $"order-cancel:{order.Id}";
        return await WriteAsync(key, order.VolunteerId, requireApproved: false, async (volunteer, ct) =>
        {
            var changed = await db.Set<RedemptionOrder>().Where(o => o.Id == order.Id && o.Status == OrderStatus.Placed)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled).SetProperty(o => o.CancelledUtc, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(o => o.CancelReason, reason.Trim()), ct);
            if (changed == 0)
            {
                return LedgerResult.Refused(LedgerStatus.NotAllowed, "orderId", new("只能取消尚未领取的订单。", "Only an order not yet picked up can be cancelled."));
            }

            await db.Set<Reward>().Where(r => r.Id == order.RewardId && r.Stock != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock + order.Quantity).SetProperty(r => r.Version, r => r.Version + 1), ct);
            var entry = Entry(volunteer.Id, EntryKind.Reverse, order.Points, $"取消兑换 {order.Number}：{reason.Trim()}", "order", order.Id, key, actor);
            entry.ReversesId = order.EntryId;
            var applied = await ApplyAsync(entry, ct);
            await audit.RecordAsync(new AuditEvent(AuditCategory, "cancel-order", order.Number, reason.Trim()), ct);
            return applied;
        }, cancellationToken);
    }

    /// <summary>
    /// Writes the expiry of earned points whose time has come (first in, first out: what was spent is taken from the
    /// oldest points first, so the unspent part of expiring earns is their total less everything ever debited, at most
    /// the balance). One entry per volunteer per run; idempotent by the run's instant. Returns how many volunteers lost points.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var volunteers = await db.Set<PointEntry>().AsNoTracking()
            .Where(e => e.ExpiresUtc != null && e.ExpiresUtc <= now && e.ExpiredUtc == null)
            .Select(e => e.VolunteerId).Distinct().Take(500).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var volunteerId in volunteers)
        {
            var key = $"expire:{volunteerId}:{now:yyyyMMddHHmmss}";
            var result = await WriteAsync(key, volunteerId, requireApproved: false, async (volunteer, ct) =>
            {
                var expiring = await db.Set<PointEntry>().Where(e => e.VolunteerId == volunteer.Id && e.ExpiresUtc != null && e.ExpiresUtc <= now).ToListAsync(ct);
                var earnedExpiring = expiring.Where(e => e.Amount > 0).Sum(e => e.Amount);
                var debited = -await db.Set<PointEntry>().Where(e => e.VolunteerId == volunteer.Id && e.Amount < 0).SumAsync(e => (long?)e.Amount, ct) ?? 0;
                foreach (var e in expiring.Where(e => e.ExpiredUtc == null))
                {
                    e.ExpiredUtc = now;
                }

                var amount = Math.Min(volunteer.Balance, Math.Max(0, earnedExpiring - debited));
                if (amount == 0)
                {
                    await db.SaveChangesAsync(ct);
                    return new LedgerResult(LedgerStatus.NotAllowed, Balance: volunteer.Balance);
                }

                return await ApplyAsync(Entry(volunteer.Id, EntryKind.Expire, -amount, "积分到期", "expiry", null, key, "system"), ct);
            }, cancellationToken);
            expired += result.Status == LedgerStatus.Done ? 1 : 0;
        }

        return expired;
    }

    /// <summary>The entries of a volunteer, newest first, a page at a time.</summary>
    public Task<List<PointEntry>> EntriesAsync(long volunteerId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        db.Set<PointEntry>().AsNoTracking().Where(e => e.VolunteerId == volunteerId)
            .OrderByDescending(e => e.CreatedUtc).ThenByDescending(e => e.Id)
            .Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);

    /// <summary>
    /// Runs a write for one volunteer in one transaction: a key already used returns what it wrote; a refusal inside
    /// (<see cref="LedgerRollback"/>) rolls everything back; two requests with one key at the same instant land once.
    /// </summary>
    private async Task<LedgerResult> WriteAsync(string idempotencyKey, long volunteerId, bool requireApproved, Func<Volunteer, CancellationToken, Task<LedgerResult>> write, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 120)
        {
            return LedgerResult.Refused(LedgerStatus.Invalid, "idempotencyKey", new("每个请求都要有不超过 120 个字符的幂等键。", "Every request needs an idempotency key of at most 120 characters."));
        }

        if (await ReplayAsync(idempotencyKey, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        LedgerResult result;
        try
        {
            result = await db.InTransactionAsync(async ct =>
            {
                var volunteer = await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == volunteerId, ct);
                if (volunteer is null)
                {
                    return new LedgerResult(LedgerStatus.NotFound);
                }

                if (requireApproved && volunteer.Status != VolunteerStatus.Approved)
                {
                    return LedgerResult.Refused(LedgerStatus.NotAllowed, "volunteerId", new("志愿者尚未通过审核或已暂停。", "The volunteer is not approved or is suspended."));
                }

                return await write(volunteer, ct);
            }, cancellationToken);
        }
        catch (LedgerRollback refusal)
        {
            db.ChangeTracker.Clear();
            result = refusal.Result;
        }
        catch (DbUpdateException)
        {
            // The key's unique index: the same request landed first at the same instant.
            db.ChangeTracker.Clear();
            return await ReplayAsync(idempotencyKey, cancellationToken) ?? throw new InvalidOperationException($"The ledger write {idempotencyKey} failed and left nothing to replay.");
        }

        // A refusal (short balance, no stock) of a request whose twin landed meanwhile answers as the twin did: the
        // same request must not be told "not enough points" because it itself spent them.
        return result.Succeeded ? result : await ReplayAsync(idempotencyKey, cancellationToken) ?? result;
    }

    /// <summary>Appends the entry and moves the balance by its amount, refusing (and rolling back) a balance below zero.</summary>
    private async Task<LedgerResult> ApplyAsync(PointEntry entry, CancellationToken cancellationToken)
    {
        var amount = entry.Amount;
        var moved = amount >= 0
            ? await db.Set<Volunteer>().Where(v => v.Id == entry.VolunteerId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Balance, v => v.Balance + amount).SetProperty(v => v.Version, v => v.Version + 1), cancellationToken)
            : await db.Set<Volunteer>().Where(v => v.Id == entry.VolunteerId && v.Balance >= -amount)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Balance, v => v.Balance + amount).SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        if (moved == 0)
        {
            throw new LedgerRollback(LedgerResult.Refused(LedgerStatus.Insufficient, "amount", InsufficientMessage));
        }

        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, entry.Kind.ToString().ToLowerInvariant(), $"volunteer:{entry.VolunteerId}",
            $"{entry.Amount:+#;-#;0} points: {entry.Reason} ({entry.SourceType}{(entry.SourceId is { } id ? $" {id}" : "")})"), cancellationToken);
        var balance = await db.Set<Volunteer>().Where(v => v.Id == entry.VolunteerId).Select(v => v.Balance).FirstAsync(cancellationToken);
        return new LedgerResult(LedgerStatus.Done, entry, balance);
    }

    private async Task<LedgerResult?> ReplayAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<PointEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        var balance = await db.Set<Volunteer>().Where(v => v.Id == earlier.VolunteerId).Select(v => v.Balance).FirstAsync(cancellationToken);
        var order = earlier.Kind == EntryKind.Redeem
            ? await db.Set<RedemptionOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.EntryId == earlier.Id, cancellationToken)
            : null;
        return new LedgerResult(LedgerStatus.Replayed, earlier, balance, Order: order);
    }

    private async Task<LedgerResult> ReplayedOrderAsync(RedemptionOrder order, CancellationToken cancellationToken)
    {
        var entry = await db.Set<PointEntry>().AsNoTracking().FirstAsync(e => e.Id == order.EntryId, cancellationToken);
        var balance = await db.Set<Volunteer>().Where(v => v.Id == order.VolunteerId).Select(v => v.Balance).FirstAsync(cancellationToken);
        return new LedgerResult(LedgerStatus.Replayed, entry, balance, Order: order);
    }

    private PointEntry Entry(long volunteerId, EntryKind kind, long amount, string reason, string sourceType, long? sourceId, string key, string actor) => new()
    {
        VolunteerId = volunteerId,
        Kind = kind,
        Amount = amount,
        Reason = reason.Trim().Length <= 200 ? reason.Trim() : reason.Trim()[..200],
        SourceType = sourceType,
        SourceId = sourceId,
        IdempotencyKey = key,
        CreatedBy = actor,
        CreatedUtc = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>Thrown inside the transaction to roll back everything it wrote and answer with <see cref="Result"/>.</summary>
    private sealed class LedgerRollback(LedgerResult result) : Exception("The ledger write was refused.")
    {
        public LedgerResult Result { get; } = result;
    }
}
