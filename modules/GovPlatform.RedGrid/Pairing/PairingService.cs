using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Pairings;

/// <summary>
/// Pairings (双结对) and the help they give: validation, saving (audited, category <c>redgrid</c>) and the help sums per
/// pairing, unit and year — one GROUP BY on the help table; the year is the first four characters of the
/// <c>yyyy-MM-dd</c> text of <see cref="PairingHelp.GivenOn"/>, so it groups the same on SQLite and PostgreSQL.
/// Callers check the scope (the permission on the pairing) and read the grid before calling.
/// </summary>
public sealed class PairingService(TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settingsStore, IAuditLog audit, TimeProvider clock)
{
    public const string AuditCategory = "redgrid";

    /// <summary>The largest amount one help may record: ¥100,000,000.</summary>
    public const long MaxAmountFen = 10_000_000_000;

    private static readonly BilingualText Required = new("必填。", "Required.");

    /// <summary>Adds a pairing; the errors by field when the form is not valid (nothing saved then).</summary>
    public async Task<(Models.Pairing? Pairing, Dictionary<string, BilingualText> Errors)> CreateAsync(PairingForm form, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var pairing = new Models.Pairing { CreatedUtc = clock.GetUtcNow().UtcDateTime };
        if (!Enum.TryParse<PairingKind>(form.Kind, out var kind) || !Enum.IsDefined(kind) || int.TryParse(form.Kind, out _))
        {
            errors["kind"] = new("请选择结对类型。", "Choose the kind of pairing.");
        }

        pairing.Kind = kind;
        var unitCode = (form.GridUnit ?? "").Trim();
        if (unitCode.Length == 0)
        {
            errors["gridUnit"] = Required;
        }
        else if (await grid.FindAsync(unitCode, cancellationToken) is not { } unit || unit.Depth != settings.CommunityDepth)
        {
            errors["gridUnit"] = new("请选择一个社区。", "Choose a community.");
        }
        else
        {
            pairing.GridUnitCode = unit.Code;
        }

        if (kind == PairingKind.BranchCommunity && !errors.ContainsKey("kind"))
        {
            var code = (form.Organisation ?? "").Trim();
            var organisation = code.Length == 0 ? null : await db.Set<PartyOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
            if (organisation is null)
            {
                errors["organisation"] = code.Length == 0 ? Required : new($"没有代码为“{code}”的党组织。", $"There is no party organisation with the code '{code}'.");
            }

            pairing.OrganisationId = organisation?.Id;
        }
        else if (kind == PairingKind.MemberHousehold && !errors.ContainsKey("kind"))
        {
            var member = long.TryParse(form.Member, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId)
                ? await db.Set<PartyMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
                : null;
            if (member is null)
            {
                errors["member"] = string.IsNullOrWhiteSpace(form.Member) ? Required : new("党员编号无效。", "No member has this number.");
            }

            pairing.MemberId = member?.Id;
            var household = (form.Household ?? "").Trim();
            if (household.Length == 0)
            {
                errors["household"] = Required;
            }
            else if (household.Length > 100)
            {
                errors["household"] = new("不能超过 100 个字符。", "At most 100 characters.");
            }

            pairing.Household = household;
        }

        var starts = Date(errors, "startsOn", form.StartsOn, required: true);
        var ends = Date(errors, "endsOn", form.EndsOn, required: false);
        if (starts is { } s && ends is { } e && e < s)
        {
            errors["endsOn"] = new("结束日期不能早于开始日期。", "The end cannot be before the start.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        pairing.StartsOn = starts!.Value;
        pairing.EndsOn = ends;
        db.Add(pairing);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, "pairing-create", $"pairing:{pairing.Id}", $"{pairing.Kind} in {pairing.GridUnitCode} by {user?.Identity?.Name}"), cancellationToken);
        return (pairing, errors);
    }

    /// <summary>Records help given by <paramref name="pairing"/> (local <paramref name="today"/> bounds the date); the errors when the form is not valid.</summary>
    public async Task<Dictionary<string, BilingualText>> AddHelpAsync(Models.Pairing pairing, HelpForm form, DateOnly today, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (!Enum.TryParse<HelpKind>(form.Kind, out var kind) || !Enum.IsDefined(kind) || int.TryParse(form.Kind, out _))
        {
            errors["kind"] = new("请选择帮扶类型。", "Choose the kind of help.");
        }

        long fen = 0;
        var valued = kind is HelpKind.Money or HelpKind.Goods;
        if (!string.IsNullOrWhiteSpace(form.Amount) || valued)
        {
            if (!decimal.TryParse((form.Amount ?? "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan) || decimal.Round(yuan, 2) != yuan)
            {
                errors["amount"] = new("请填写金额（元），最多两位小数。", "Give the amount in yuan, with at most two decimals.");
            }
            else if (!valued && yuan != 0)
            {
                errors["amount"] = new("只有资金和物资有金额。", "Only money and goods have an amount.");
            }
            else if (valued && (yuan <= 0 || yuan * 100 > MaxAmountFen))
            {
                errors["amount"] = new("金额须大于 0、不超过 1 亿元。", "The amount is more than 0 and at most ¥100,000,000.");
            }
            else
            {
                fen = (long)(yuan * 100);
            }
        }

        var problems = kind == HelpKind.Problem ? 1 : 0;
        if (!string.IsNullOrWhiteSpace(form.Problems))
        {
            if (!int.TryParse(form.Problems.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out problems) || problems > 1000)
            {
                errors["problems"] = new("请填写 0–1000 之间的整数。", "Give a whole number from 0 to 1000.");
            }
        }

        var description = (form.Description ?? "").Trim();
        if (description.Length == 0)
        {
            errors["description"] = Required;
        }
        else if (description.Length > 500)
        {
            errors["description"] = new("不能超过 500 个字符。", "At most 500 characters.");
        }

        var given = Date(errors, "givenOn", form.GivenOn, required: true);
        if (given is { } g && (g > today || g < pairing.StartsOn || (pairing.EndsOn is { } end && g > end)))
        {
            errors["givenOn"] = g > today
                ? new("日期不能晚于今天。", "The date cannot be after today.")
                : new("日期须在结对期间内。", "The date must fall within the pairing.");
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var help = new PairingHelp
        {
            PairingId = pairing.Id,
            Kind = kind,
            AmountFen = fen,
            Problems = problems,
            Description = description,
            GivenOn = given!.Value,
            GridUnitCode = pairing.GridUnitCode,
            RecordedBy = user?.Identity?.Name ?? "",
            RecordedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(help);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, "pairing-help", $"pairing:{pairing.Id}", $"{kind} {fen} fen, {problems} problems on {help.GivenOn:yyyy-MM-dd} by {help.RecordedBy}"), cancellationToken);
        return errors;
    }

    /// <summary>
    /// The help sums grouped by pairing, unit and year, for help located in <paramref name="unitCodes"/> (all when null),
    /// of <paramref name="pairingIds"/> (all when null) and in <paramref name="year"/> (all when null). One GROUP BY.
    /// </summary>
    public async Task<List<HelpSumRow>> SumsAsync(IReadOnlyCollection<string>? unitCodes, IReadOnlyCollection<long>? pairingIds = null, int? year = null, CancellationToken cancellationToken = default)
    {
        var query = db.Set<PairingHelp>().AsNoTracking();
        if (unitCodes is not null)
        {
            var codes = unitCodes.ToList();
            query = query.Where(h => codes.Contains(h.GridUnitCode));
        }

        if (pairingIds is not null)
        {
            var ids = pairingIds.ToList();
            query = query.Where(h => ids.Contains(h.PairingId));
        }

        if (year is { } y)
        {
            // yyyy-MM-dd text orders as dates: a year is a range of it (and uses the given_on index).
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(h => h.GivenOn >= from && h.GivenOn <= to);
        }

        var groups = await query
            .GroupBy(h => new { h.PairingId, h.GridUnitCode, Year = ((string)(object)h.GivenOn).Substring(0, 4) })
            .Select(g => new
            {
                g.Key.PairingId,
                g.Key.GridUnitCode,
                g.Key.Year,
                Money = g.Sum(h => h.Kind == HelpKind.Money ? h.AmountFen : 0L),
                Goods = g.Sum(h => h.Kind == HelpKind.Goods ? h.AmountFen : 0L),
                Problems = g.Sum(h => h.Problems),
                Visits = g.Sum(h => h.Kind == HelpKind.Visit ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => new HelpSumRow(g.PairingId, g.GridUnitCode, int.Parse(g.Year, NumberStyles.None, CultureInfo.InvariantCulture), new HelpSums(g.Money, g.Goods, g.Problems, g.Visits)))
            .OrderBy(r => r.Year).ThenBy(r => r.GridUnitCode, StringComparer.Ordinal).ThenBy(r => r.PairingId)];
    }

    /// <summary>The rows' sums rolled up onto units: each unit (key of <paramref name="subtrees"/>) gets the help located in the codes of its subtree.</summary>
    public static Dictionary<string, HelpSums> RollUp(IEnumerable<HelpSumRow> rows, IReadOnlyDictionary<string, string[]> subtrees)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(subtrees);
        var sets = subtrees.ToDictionary(s => s.Key, s => s.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var result = subtrees.Keys.ToDictionary(code => code, _ => HelpSums.Zero, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var (code, set) in sets)
            {
                if (set.Contains(row.GridUnitCode))
                {
                    result[code] += row.Sums;
                }
            }
        }

        return result;
    }

    /// <summary>A household's name as a reader without <c>RedGrid.MemberData</c> sees it: its first character and **.</summary>
    public static string Mask(string? household) => string.IsNullOrEmpty(household) ? "" : char.IsSurrogate(household[0]) ? household[..2] + "**" : household[0] + "**";

    private static DateOnly? Date(Dictionary<string, BilingualText> errors, string key, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[key] = Required;
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[key] = new("日期格式为 yyyy-MM-dd。", "Give the date as yyyy-MM-dd.");
            return null;
        }

        return date;
    }
}
