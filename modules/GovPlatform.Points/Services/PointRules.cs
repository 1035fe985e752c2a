using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Services;

/// <summary>
/// The points rules: the tenant's own set (no unit) and the sets of townships and villages for their subtrees. The rule
/// in force for a unit is the nearest set up the grid from it (the unit's own, its parent's… the tenant's); a tenant
/// without any set runs on <see cref="Defaults"/>.
/// </summary>
public sealed class PointRules(TenantDbContext db, IGridDirectory grid, ITenant tenant, TimeProvider clock)
{
    /// <summary>The rules of a tenant that has set none: 10 points an activity, no caps, no approval, no expiry.</summary>
    public static PointRuleSet Defaults => new() { DefaultPoints = 10 };

    /// <summary>The rule set in force at <paramref name="unitCode"/>.</summary>
    public async Task<PointRuleSet> InForceAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        var sets = await db.Set<PointRuleSet>().AsNoTracking().ToListAsync(cancellationToken);
        if (unitCode is not null)
        {
            var chain = (await grid.GetAncestorsAsync(unitCode, cancellationToken)).Select(a => a.Code).Append(unitCode).Reverse();
            foreach (var code in chain)
            {
                if (sets.FirstOrDefault(s => s.GridUnitCode == code) is { } own)
                {
                    return own;
                }
            }
        }

        return sets.FirstOrDefault(s => s.GridUnitCode is null) ?? Defaults;
    }

    /// <summary>Points for an activity of <paramref name="type"/> under <paramref name="rules"/>.</summary>
    public static int PointsFor(PointRuleSet rules, ActivityType type)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.PointsPerType.TryGetValue(type.ToString(), out var points) ? points : rules.DefaultPoints;
    }

    /// <summary>
    /// How many of <paramref name="amount"/> points the volunteer may still earn at <paramref name="utc"/> under the caps
    /// of <paramref name="rules"/> (days and months in the tenant's zone); what they earned counts earns less their reversals.
    /// </summary>
    public async Task<long> AllowedAsync(PointRuleSet rules, long volunteerId, long amount, DateTime utc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var allowed = amount;
        if (rules.DailyCap > 0)
        {
            var dayStart = TimeZoneInfo.ConvertTimeToUtc(local.Date, zone);
            allowed = Math.Min(allowed, rules.DailyCap - await EarnedAsync(volunteerId, dayStart, dayStart.AddDays(1), cancellationToken));
        }

        if (rules.MonthlyCap > 0)
        {
            var monthStart = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1), zone);
            var monthEnd = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1).AddMonths(1), zone);
            allowed = Math.Min(allowed, rules.MonthlyCap - await EarnedAsync(volunteerId, monthStart, monthEnd, cancellationToken));
        }

        return Math.Max(0, allowed);
    }

    /// <summary>When points earned at <paramref name="utc"/> expire under <paramref name="rules"/>, or null.</summary>
    public static DateTime? ExpiresAt(PointRuleSet rules, DateTime utc) =>
        rules is { ExpiryMonths: > 0 } ? utc.AddMonths(rules.ExpiryMonths) : null;

    /// <summary>Why <paramref name="rules"/> cannot be saved, by field; empty when they can.</summary>
    public static Dictionary<string, BilingualText> Validate(PointRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        void Range(string field, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors[field] = new($"应在 {min} 到 {max} 之间。", $"Must be between {min} and {max}.");
            }
        }

        Range("defaultPoints", rules.DefaultPoints, 0, 10_000);
        Range("dailyCap", rules.DailyCap, 0, 100_000);
        Range("monthlyCap", rules.MonthlyCap, 0, 1_000_000);
        Range("expiryMonths", rules.ExpiryMonths, 0, 120);
        foreach (var (type, points) in rules.PointsPerType)
        {
            if (!Enum.TryParse<ActivityType>(type, out var parsed) || parsed.ToString() != type)
            {
                errors[$"points.{type}"] = new($"没有活动类型“{type}”。", $"There is no activity type '{type}'.");
            }
            else if (points is < 0 or > 10_000)
            {
                errors[$"points.{type}"] = new("应在 0 到 10000 之间。", "Must be between 0 and 10,000.");
            }
        }

        if (rules.DailyCap > 0 && rules.MonthlyCap > 0 && rules.DailyCap > rules.MonthlyCap)
        {
            errors["dailyCap"] = new("每日上限不能大于每月上限。", "The daily cap cannot exceed the monthly cap.");
        }

        return errors;
    }

    /// <summary>Stages a rule set for <paramref name="unitCode"/> (null: the tenant's), replacing the unit's; the caller saves.</summary>
    public async Task<PointRuleSet> SetAsync(string? unitCode, PointRuleSet rules, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var existing = await db.Set<PointRuleSet>().FirstOrDefaultAsync(s => s.GridUnitCode == unitCode, cancellationToken);
        var target = existing ?? new PointRuleSet { GridUnitCode = unitCode };
        target.PointsPerType = new Dictionary<string, int>(rules.PointsPerType);
        target.DefaultPoints = rules.DefaultPoints;
        target.DailyCap = rules.DailyCap;
        target.MonthlyCap = rules.MonthlyCap;
        target.AwardsNeedApproval = rules.AwardsNeedApproval;
        target.ExpiryMonths = rules.ExpiryMonths;
        target.UpdatedBy = actor;
        target.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        target.Version++;
        if (existing is null)
        {
            db.Add(target);
        }

        return target;
    }

    private async Task<long> EarnedAsync(long volunteerId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        await db.Set<PointEntry>()
            .Where(e => e.VolunteerId == volunteerId && e.CreatedUtc >= fromUtc && e.CreatedUtc < toUtc
                && (e.Kind == EntryKind.Earn || (e.Kind == EntryKind.Reverse && e.SourceType == "activity")))
            .SumAsync(e => (long?)e.Amount, cancellationToken) ?? 0;
}
