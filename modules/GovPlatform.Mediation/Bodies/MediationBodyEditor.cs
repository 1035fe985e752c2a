using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Security;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Bodies;

/// <summary>
/// Validates and saves mediation bodies and their mediators, for the admin pages and the <c>mediation</c> recipe step.
/// A body or mediator that a dispute or session names is deactivated, never deleted, so the ledger keeps its history.
/// Every change is audited (category <c>mediation</c>).
/// </summary>
public sealed partial class MediationBodyEditor(TenantDbContext db, IGridDirectory grid, IAuditLog audit, TimeProvider clock, ITenantUsers? users = null)
{
    /// <summary>The audit category.</summary>
    public const string AuditCategory = "mediation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly BilingualText Required = new("必填。", "Required.");

    /// <summary>The message of an edit made on a page that someone else changed since it was opened.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这个调解组织刚被他人修改，请刷新页面后再改。", "Someone else changed this body since you opened it; reload the page and make your change again.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>Why <paramref name="input"/> cannot be saved (as body <paramref name="id"/>, or new when null), by field; empty when it can.</summary>
    public async Task<Dictionary<string, BilingualText>> ValidateBodyAsync(MediationBodyInput input, long? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = ValidateBodyFields(input);
        if (!errors.ContainsKey("code") && await db.Set<MediationBody>().AnyAsync(b => b.Code == input.Code.Trim() && b.Id != (id ?? 0), cancellationToken))
        {
            errors["code"] = new($"已有代码为“{input.Code.Trim()}”的调解组织。", $"Another body has the code '{input.Code.Trim()}'.");
        }

        if (!errors.ContainsKey("gridUnit") && await grid.FindAsync(input.GridUnitCode.Trim(), cancellationToken) is null)
        {
            errors["gridUnit"] = new($"本区网格中没有单位“{input.GridUnitCode.Trim()}”。", $"The district's grid has no unit '{input.GridUnitCode.Trim()}'.");
        }

        return errors;
    }

    /// <summary>Why <paramref name="input"/> cannot be saved as a mediator, by field; empty when it can.</summary>
    public async Task<Dictionary<string, BilingualText>> ValidateMediatorAsync(MediatorInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = ValidateMediatorFields(input);
        if (!errors.ContainsKey("userName") && Blank(input.UserName) is { } userName && (users is null || await users.FindByUserNameAsync(userName, cancellationToken) is null))
        {
            errors["userName"] = new($"没有用户名为“{userName}”的账号。", $"There is no account with the user name '{userName}'.");
        }

        return errors;
    }

    /// <summary>Adds a body with its mediators; errors of mediator <c>i</c> are keyed <c>mediators[i].field</c>.</summary>
    public async Task<BodyEditResult> CreateAsync(MediationBodyInput input, IReadOnlyList<MediatorInput> mediators, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mediators);
        var errors = await ValidateBodyAsync(input, null, cancellationToken);
        for (var i = 0; i < mediators.Count; i++)
        {
            foreach (var (field, message) in await ValidateMediatorAsync(mediators[i], cancellationToken))
            {
                errors[$"mediators[{i}].{field}"] = message;
            }
        }

        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var body = await db.InTransactionAsync(async ct =>
        {
            var body = new MediationBody { UpdatedUtc = Now() };
            Apply(body, input);
            db.Add(body);
            await db.SaveChangesAsync(ct);
            foreach (var mediator in mediators)
            {
                var entity = new Mediator { BodyId = body.Id };
                Apply(entity, mediator);
                db.Add(entity);
            }

            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(AuditCategory, "create-body", body.Code,
                $"Mediation body {body.Code} added with {mediators.Count} mediator(s)", null, Snapshot(body)), ct);
            return body;
        }, cancellationToken);
        return new(errors, body);
    }

    /// <summary>
    /// Changes body <paramref name="id"/>; <paramref name="stamp"/> is the <see cref="MediationBody.UpdatedUtc"/> the
    /// page was opened with (ticks), so an edit made over someone else's is refused (field <c>stale</c>).
    /// </summary>
    public async Task<BodyEditResult?> UpdateAsync(long id, MediationBodyInput input, long? stamp, CancellationToken cancellationToken = default)
    {
        if (await db.Set<MediationBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } current)
        {
            return null;
        }

        var errors = await ValidateBodyAsync(input, id, cancellationToken);
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var result = await db.InTransactionAsync(async ct =>
        {
            var body = await db.Set<MediationBody>().FirstAsync(b => b.Id == id, ct);
            if (stamp is { } ticks && body.UpdatedUtc.Ticks != ticks)
            {
                return new BodyEditResult(new Dictionary<string, BilingualText> { ["stale"] = StaleMessage }, null);
            }

            var before = Snapshot(body);
            Apply(body, input);
            var after = Snapshot(body);
            if (!JsonNode.DeepEquals(before, after))
            {
                Touch(body);
                await audit.RecordAsync(new AuditEvent(AuditCategory, "update-body", body.Code,
                    $"Mediation body {body.Code} changed: {string.Join(", ", Changed(before, after))}", before, after), ct);
            }

            return new BodyEditResult(new Dictionary<string, BilingualText>(), body);
        }, cancellationToken);
        return result;
    }

    /// <summary>Adds (<paramref name="mediatorId"/> null) or changes a mediator of body <paramref name="bodyId"/>; null when either is not found.</summary>
    public async Task<BodyEditResult?> SaveMediatorAsync(long bodyId, long? mediatorId, MediatorInput input, long? stamp, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<MediationBody>().AnyAsync(b => b.Id == bodyId, cancellationToken)
            || (mediatorId is { } m && !await db.Set<Mediator>().AnyAsync(x => x.Id == m && x.BodyId == bodyId, cancellationToken)))
        {
            return null;
        }

        var errors = await ValidateMediatorAsync(input, cancellationToken);
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        return await db.InTransactionAsync(async ct =>
        {
            var body = await db.Set<MediationBody>().FirstAsync(b => b.Id == bodyId, ct);
            if (stamp is { } ticks && body.UpdatedUtc.Ticks != ticks)
            {
                return new BodyEditResult(new Dictionary<string, BilingualText> { ["stale"] = StaleMessage }, null);
            }

            Mediator mediator;
            JsonNode? before = null;
            if (mediatorId is { } existing)
            {
                mediator = await db.Set<Mediator>().FirstAsync(x => x.Id == existing, ct);
                before = Snapshot(mediator);
            }
            else
            {
                mediator = new Mediator { BodyId = bodyId };
                db.Add(mediator);
            }

            Apply(mediator, input);
            Touch(body);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(AuditCategory, before is null ? "add-mediator" : "update-mediator", body.Code,
                $"Mediator {mediator.Name} ({mediator.Id}) of {body.Code} {(before is null ? "added" : "changed")}", before, Snapshot(mediator)), ct);
            return new BodyEditResult(new Dictionary<string, BilingualText>(), body);
        }, cancellationToken);
    }

    /// <summary>Deactivates (or reactivates) a mediator; false when not found. Deactivated mediators stay on the disputes they mediated.</summary>
    public async Task<bool> SetMediatorActiveAsync(long bodyId, long mediatorId, bool active, CancellationToken cancellationToken = default) =>
        await db.InTransactionAsync(async ct =>
        {
            var mediator = await db.Set<Mediator>().FirstOrDefaultAsync(x => x.Id == mediatorId && x.BodyId == bodyId, ct);
            if (mediator is null)
            {
                return false;
            }

            if (mediator.Active != active)
            {
                var body = await db.Set<MediationBody>().FirstAsync(b => b.Id == bodyId, ct);
                mediator.Active = active;
                Touch(body);
                await audit.RecordAsync(new AuditEvent(AuditCategory, active ? "activate-mediator" : "deactivate-mediator", body.Code,
                    $"Mediator {mediator.Name} ({mediator.Id}) of {body.Code} {(active ? "reactivated" : "deactivated")}"), ct);
            }

            return true;
        }, cancellationToken);

    /// <summary>Deletes a body nothing names; deactivates it when a dispute or a session names it or one of its mediators.</summary>
    public async Task<BodyRemoval> RemoveAsync(long id, CancellationToken cancellationToken = default) =>
        await db.InTransactionAsync(async ct =>
        {
            var body = await db.Set<MediationBody>().FirstOrDefaultAsync(b => b.Id == id, ct);
            if (body is null)
            {
                return BodyRemoval.NotFound;
            }

            var mediators = await db.Set<Mediator>().Where(m => m.BodyId == id).ToListAsync(ct);
            if (await IsNamedAsync(id, ct))
            {
                body.Active = false;
                mediators.ForEach(m => m.Active = false);
                Touch(body);
                await audit.RecordAsync(new AuditEvent(AuditCategory, "deactivate-body", body.Code,
                    $"Mediation body {body.Code} deactivated (disputes or sessions name it)", Snapshot(body)), ct);
                return BodyRemoval.Deactivated;
            }

            db.RemoveRange(mediators);
            await db.SaveChangesAsync(ct);
            db.Remove(body);
            await audit.RecordAsync(new AuditEvent(AuditCategory, "delete-body", body.Code, $"Mediation body {body.Code} deleted", Snapshot(body)), ct);
            return BodyRemoval.Deleted;
        }, cancellationToken);

    /// <summary>Whether a dispute or a session names the body or one of its mediators.</summary>
    public async Task<bool> IsNamedAsync(long id, CancellationToken cancellationToken = default)
    {
        var mediatorIds = db.Set<Mediator>().Where(m => m.BodyId == id).Select(m => m.Id);
        return await db.Set<Dispute>().AnyAsync(d => d.BodyId == id || (d.MediatorId != null && mediatorIds.Contains(d.MediatorId.Value)), cancellationToken)
            || await db.Set<MediationSession>().AnyAsync(s => s.BodyId == id, cancellationToken)
            || await db.Set<DisputeMediator>().AnyAsync(m => mediatorIds.Contains(m.MediatorId), cancellationToken);
    }

    /// <summary>
    /// Adds the bodies whose codes are new, with their mediators, all or nothing: any error refuses the whole list.
    /// A body whose code exists is left as it is (an admin may have edited it), so running a recipe again adds nothing.
    /// </summary>
    public async Task<BodyImportResult> ImportAsync(IReadOnlyList<(MediationBodyInput Body, IReadOnlyList<MediatorInput> Mediators)> bodies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var errors = new List<string>();
        var existing = (await db.Set<MediationBody>().Select(b => b.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<(MediationBodyInput Body, IReadOnlyList<MediatorInput> Mediators)>();
        for (var i = 0; i < bodies.Count; i++)
        {
            var (body, mediators) = bodies[i];
            var code = body.Code.Trim();
            var label = $"bodies[{i}] ({(code.Length > 0 ? code : "no code")})";
            if (code.Length > 0 && !seen.Add(code))
            {
                errors.Add($"{label}: the code appears twice.");
                continue;
            }

            if (existing.Contains(code))
            {
                continue;
            }

            // Grid and accounts are read here, before the transaction (the grid's first load opens its own).
            foreach (var (field, message) in await ValidateBodyAsync(body, null, cancellationToken))
            {
                errors.Add($"{label}.{field}: {message.English}");
            }

            for (var j = 0; j < mediators.Count; j++)
            {
                foreach (var (field, message) in await ValidateMediatorAsync(mediators[j], cancellationToken))
                {
                    errors.Add($"{label}.mediators[{j}].{field}: {message.English}");
                }
            }

            added.Add((body, mediators));
        }

        if (errors.Count > 0)
        {
            return new(errors, 0, 0);
        }

        if (added.Count > 0)
        {
            await db.InTransactionAsync(async ct =>
            {
                var now = Now();
                var entities = new List<(MediationBody Body, IReadOnlyList<MediatorInput> Mediators)>();
                foreach (var (input, mediators) in added)
                {
                    var body = new MediationBody { UpdatedUtc = now };
                    Apply(body, input);
                    db.Add(body);
                    entities.Add((body, mediators));
                }

                await db.SaveChangesAsync(ct);
                foreach (var (body, mediators) in entities)
                {
                    foreach (var input in mediators)
                    {
                        var mediator = new Mediator { BodyId = body.Id };
                        Apply(mediator, input);
                        db.Add(mediator);
                    }
                }

                await audit.RecordAsync(new AuditEvent(AuditCategory, "import-bodies", null,
                    $"{added.Count} mediation bodies added by a recipe with {added.Sum(a => a.Mediators.Count)} mediators"), ct);
                return true;
            }, cancellationToken);
        }

        return new([], added.Count, bodies.Count - added.Count);
    }

    /// <summary>Parses <c>HH:mm</c> (or <c>H:mm</c>); null for blank or malformed.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static Dictionary<string, BilingualText> ValidateBodyFields(MediationBodyInput input)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0)
        {
            errors["code"] = Required;
        }
        else if (!CodePattern().IsMatch(code))
        {
            errors["code"] = new("代码用 2–64 个小写字母、数字或连字符，以字母或数字开头。", "Use 2–64 lower-case letters, digits or hyphens, starting with a letter or digit.");
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors["kind"] = new("请选择类型。", "Choose a kind.");
        }

        Text(errors, "name", input.Name.Chinese, 100, required: true);
        Text(errors, "englishName", input.Name.English, 200, required: true);
        if (string.IsNullOrWhiteSpace(input.GridUnitCode))
        {
            errors["gridUnit"] = Required;
        }

        Text(errors, "address", input.Address, 200);
        Text(errors, "hours", input.Hours, 100);
        var opens = ParseTime(input.Opens);
        var closes = ParseTime(input.Closes);
        if (Blank(input.Opens) is not null && opens is null)
        {
            errors["opens"] = new("请按 时:分 填写，例如 08:30。", "Enter the time as HH:mm, e.g. 08:30.");
        }

        if (Blank(input.Closes) is not null && closes is null)
        {
            errors["closes"] = new("请按 时:分 填写，例如 17:30。", "Enter the time as HH:mm, e.g. 17:30.");
        }

        if (!errors.ContainsKey("opens") && !errors.ContainsKey("closes"))
        {
            if ((opens is null) != (closes is null))
            {
                errors[opens is null ? "opens" : "closes"] = new("开门和关门时间要么都填，要么都不填。", "Give both the opening and the closing time, or neither.");
            }
            else if (opens >= closes)
            {
                errors["closes"] = new("关门时间应晚于开门时间。", "The closing time must be after the opening time.");
            }
        }

        if (Blank(input.Capacity) is { } capacity && (!int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 100))
        {
            errors["capacity"] = new("请填写 0 到 100 的整数（0 表示不限）。", "Enter a whole number from 0 to 100 (0: no limit).");
        }

        Phone(errors, "phone", input.Phone);
        Text(errors, "description", input.Description, 2000);
        return errors;
    }

    private static Dictionary<string, BilingualText> ValidateMediatorFields(MediatorInput input)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        Text(errors, "name", input.Name, 50, required: true);
        if (!Enum.IsDefined(input.Role))
        {
            errors["role"] = new("请选择角色。", "Choose a role.");
        }

        if (!Enum.IsDefined(input.Background))
        {
            errors["background"] = new("请选择“五老”身份。", "Choose a five-elders background.");
        }
        else if (input.Role == MediatorRole.Elder && input.Background == ElderBackground.None)
        {
            errors["background"] = new("“五老”成员要写明是老党员、老干部、老军人、老政法干警还是老知识分子。",
                "A five-elders member needs a background: party member, cadre, soldier, police or judicial officer, or intellectual.");
        }

        Text(errors, "profile", input.Profile, 500);
        Phone(errors, "phone", input.Phone);
        Text(errors, "userName", input.UserName, 100);
        return errors;
    }

    private static void Text(Dictionary<string, BilingualText> errors, string field, string? value, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = Required;
        }
        else if (value is not null && value.Trim().Length > max)
        {
            errors[field] = new($"最多 {max} 个字。", $"At most {max} characters.");
        }
    }

    private static void Phone(Dictionary<string, BilingualText> errors, string field, string? value)
    {
        if (Blank(value) is { } phone && !PhonePattern().IsMatch(phone))
        {
            errors[field] = new("电话只能包含数字、空格、+、- 和括号。", "A phone may hold only digits, spaces, +, - and brackets.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Apply(MediationBody body, MediationBodyInput input)
    {
        body.Code = input.Code.Trim();
        body.Kind = input.Kind;
        body.Name = input.Name.Chinese.Trim();
        body.EnglishName = input.Name.English.Trim();
        body.GridUnitCode = input.GridUnitCode.Trim();
        body.Address = Blank(input.Address);
        body.Hours = Blank(input.Hours);
        body.OpensAt = ParseTime(input.Opens);
        body.ClosesAt = ParseTime(input.Closes);
        body.Capacity = Blank(input.Capacity) is { } capacity ? int.Parse(capacity, CultureInfo.InvariantCulture) : 0;
        body.Phone = Blank(input.Phone);
        body.Description = Blank(input.Description);
        body.Active = input.Active;
    }

    private static void Apply(Mediator mediator, MediatorInput input)
    {
        mediator.Name = input.Name.Trim();
        mediator.Role = input.Role;
        mediator.Background = input.Background;
        mediator.Profile = Blank(input.Profile);
        mediator.Phone = Blank(input.Phone);
        mediator.UserName = Blank(input.UserName);
        mediator.Active = input.Active;
    }

    /// <summary>Moves the body's stamp on, strictly, so that a page opened before any change sees it as changed.</summary>
    private void Touch(MediationBody body)
    {
        var now = Now();
        body.UpdatedUtc = now > body.UpdatedUtc ? now : body.UpdatedUtc.AddMilliseconds(1);
    }

    // Whole milliseconds: both providers store them exactly, so the stamp a page carries compares equal after a round trip.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static JsonObject Snapshot<T>(T value) => JsonSerializer.SerializeToNode(value, Json)!.AsObject();

    private static IEnumerable<string> Changed(JsonObject before, JsonObject after) =>
        after.Where(p => p.Key != "updatedUtc" && !JsonNode.DeepEquals(p.Value, before[p.Key])).Select(p => p.Key);
}
