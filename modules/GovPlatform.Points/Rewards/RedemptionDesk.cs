using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Rewards;

/// <summary>The outcome of a hand-over or a cancellation at the desk.</summary>
public sealed record DeskResult(CatalogStatus Status, BilingualText? Message = null)
{
    public bool Succeeded => Status == CatalogStatus.Done;
}

/// <summary>
/// The pick-up desk (兑换点): hands an order over when the volunteer shows its pick-up code, and cancels an order not yet
/// picked up through the ledger (which gives the points and the stock back). Both need <see cref="PointsPermissions.Rewards"/>
/// over the unit the volunteer ordered from. A hand-over is a conditional update (placed, and the code matches), so an
/// order is handed over once.
/// </summary>
public sealed class RedemptionDesk(TenantDbContext db, PointsLedger ledger, IAuthorizationService authorization, IAuditLog audit, TimeProvider clock)
{
    private static readonly BilingualText WrongCode = new("取货码不对，请核对志愿者出示的 6 位取货码。", "The pick-up code is wrong: check the 6 digits the volunteer shows.");

    private static readonly BilingualText NotPlaced = new("这张订单已领取或已取消。", "This order is already picked up or cancelled.");

    private static readonly BilingualText NotYours = new("您不能处理这个网格的订单。", "You may not handle orders of this grid unit.");

    /// <summary>Hands order <paramref name="orderId"/> over when <paramref name="pickUpCode"/> is its code.</summary>
    public async Task<DeskResult> FulfilAsync(long orderId, string? pickUpCode, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await db.Set<RedemptionOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) is not { } order)
        {
            return new(CatalogStatus.NotFound);
        }

        if (!await authorization.HasPermissionAsync(user, PointsPermissions.Rewards, new ScopedUnit(order.GridUnitCode)))
        {
            return new(CatalogStatus.Forbidden, NotYours);
        }

        if (order.Status != OrderStatus.Placed)
        {
            return new(CatalogStatus.Invalid, NotPlaced);
        }

        var code = pickUpCode?.Trim() ?? "";
        if (code.Length != 6 || code != order.PickUpCode)
        {
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "fulfil-refused", order.Number, "Wrong pick-up code"), cancellationToken);
            return new(CatalogStatus.Invalid, WrongCode);
        }

        var actor = user.Identity?.Name ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async ct =>
        {
            var changed = await db.Set<RedemptionOrder>().Where(o => o.Id == orderId && o.Status == OrderStatus.Placed && o.PickUpCode == code)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Fulfilled).SetProperty(o => o.FulfilledUtc, now).SetProperty(o => o.FulfilledBy, actor), ct);
            if (changed == 0)
            {
                return new DeskResult(CatalogStatus.Invalid, NotPlaced);
            }

            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "fulfil", order.Number, $"Order {order.Number} handed over by {actor}"), ct);
            return new DeskResult(CatalogStatus.Done);
        }, cancellationToken);
    }

    /// <summary>Cancels order <paramref name="orderId"/> with its reason: the points and the stock come back (<see cref="PointsLedger.CancelOrderAsync"/>).</summary>
    public async Task<DeskResult> CancelAsync(long orderId, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await db.Set<RedemptionOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) is not { } order)
        {
            return new(CatalogStatus.NotFound);
        }

        if (!await authorization.HasPermissionAsync(user, PointsPermissions.Rewards, new ScopedUnit(order.GridUnitCode)))
        {
            return new(CatalogStatus.Forbidden, NotYours);
        }

        if (reason?.Trim() is { Length: > 200 })
        {
            return new(CatalogStatus.Invalid, new("原因最多 200 个字。", "The reason is at most 200 characters."));
        }

        var result = await ledger.CancelOrderAsync(orderId, reason ?? "", user.Identity?.Name ?? "", cancellationToken);
        return result.Status switch
        {
            LedgerStatus.Done => new(CatalogStatus.Done),
            LedgerStatus.Replayed => new(CatalogStatus.Invalid, NotPlaced),
            LedgerStatus.NotFound => new(CatalogStatus.NotFound),
            _ => new(CatalogStatus.Invalid, result.Errors?.Values.FirstOrDefault() ?? NotPlaced),
        };
    }
}
