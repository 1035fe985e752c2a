using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Volunteers;

/// <summary>How a volunteer or team request went.</summary>
public enum VolunteerOutcome
{
    /// <summary>Saved.</summary>
    Done,

    /// <summary>No such volunteer, team or member.</summary>
    NotFound,

    /// <summary>The user lacks the permission over the record's unit.</summary>
    Forbidden,

    /// <summary>Bad input (see the errors by field).</summary>
    Invalid,

    /// <summary>Someone changed the record since the page was opened (error <c>stale</c>).</summary>
    Stale,

    /// <summary>Not allowed in the record's present state (error by field, or <c>form</c>).</summary>
    NotAllowed,
}

/// <summary>The outcome of a request, with the record saved or the errors by field.</summary>
public sealed record VolunteerResult(VolunteerOutcome Status, Volunteer? Volunteer = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status == VolunteerOutcome.Done;

    public IReadOnlyDictionary<string, BilingualText> ErrorsOrEmpty => Errors ?? new Dictionary<string, BilingualText>();

    public static VolunteerResult Refused(VolunteerOutcome status, string field, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });
}

/// <summary>A volunteer's registration or profile as typed.</summary>
/// <param name="RealName">Real name, 2–20 characters.</param>
/// <param name="IdNumber">18-character identity card number (registration only: it cannot be changed later).</param>
/// <param name="Phone">Mainland mobile number.</param>
/// <param name="GridUnitCode">The community (or a unit below it) where the volunteer lives and serves.</param>
/// <param name="Skills">Up to ten short skills separated by commas.</param>
/// <param name="PublicConsent">Consents to appear by name on the public honour roll.</param>
public sealed record VolunteerInput(string? RealName, string? IdNumber, string? Phone, string? GridUnitCode, string? Skills, bool PublicConsent);

/// <summary>
/// Volunteers' registration and profiles (志愿者注册): one profile per citizen account, real-name with a checked identity
/// card number, in a community or a unit below it; approved, refused, suspended and reinstated by staff holding
/// <see cref="PointsPermissions.Volunteers"/> over the volunteer's unit. A profile moved to another unit waits for the
/// new community's approval again. Every change is audited (category <c>points</c>).
/// </summary>
public sealed partial class VolunteerService(TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The shallowest grid depth a volunteer may belong to (the community level).</summary>
    public const int CommunityDepth = 3;

    /// <summary>The message of a change made on a page that someone else changed since it was opened.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这份志愿者资料刚被他人修改，请刷新页面后再操作。", "Someone changed this volunteer since you opened the page; reload it and try again.");

    private static readonly char[] SkillSeparators = [',', '，', '、', ';', '；', '\n', '\r'];

    [GeneratedRegex(@"^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    /// <summary>The profile of the account <paramref name="userName"/>, or null.</summary>
    public Task<Volunteer?> FindByUserAsync(string userName, CancellationToken cancellationToken = default) =>
        db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.UserName == userName, cancellationToken);

    /// <summary>Registers the signed-in account <paramref name="userName"/> as a volunteer, waiting for the community's approval.</summary>
    public async Task<VolunteerResult> RegisterAsync(string userName, VolunteerInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(userName))
        {
            return VolunteerResult.Refused(VolunteerOutcome.Forbidden, "form", new("请先登录。", "Sign in first."));
        }

        if (await db.Set<Volunteer>().AnyAsync(v => v.UserName == userName, cancellationToken))
        {
            return VolunteerResult.Refused(VolunteerOutcome.NotAllowed, "form", new("这个账号已经注册过志愿者。", "This account is already registered as a volunteer."));
        }

        var errors = await ValidateAsync(input, cancellationToken);
        var id = IdNumber.Normalise(input.IdNumber);
        if (!IdNumber.IsValid(id))
        {
            errors["idNumber"] = new("身份证号码应为 18 位，最后一位校验码须正确（可以是 X）。", "The ID number has 18 characters and a correct check digit (which may be X).");
        }
        else if (await db.Set<Volunteer>().AnyAsync(v => v.IdNumber == id, cancellationToken))
        {
            errors["idNumber"] = new("这个身份证号码已经注册过志愿者。", "A volunteer is already registered with this ID number.");
        }

        if (errors.Count > 0)
        {
            return new(VolunteerOutcome.Invalid, Errors: errors);
        }

        var now = Now();
        var volunteer = new Volunteer
        {
            UserName = userName,
            IdNumber = id,
            Status = VolunteerStatus.Pending,
            RegisteredUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        Apply(volunteer, input);
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Add(volunteer);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "register", Subject(volunteer),
                    $"{userName} registered as a volunteer in {volunteer.GridUnitCode}"), ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique user name: the same account registered at the same instant (a double submit).
            db.ChangeTracker.Clear();
            return VolunteerResult.Refused(VolunteerOutcome.NotAllowed, "form", new("这个账号已经注册过志愿者。", "This account is already registered as a volunteer."));
        }

        return new(VolunteerOutcome.Done, volunteer);
    }

    /// <summary>
    /// The volunteer changes their own profile (the ID number stays). A move to another unit, or a change to a refused
    /// profile, sends it back to <see cref="VolunteerStatus.Pending"/> for the (new) community; a suspended volunteer cannot move.
    /// </summary>
    public async Task<VolunteerResult> UpdateProfileAsync(string userName, VolunteerInput input, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await FindByUserAsync(userName, cancellationToken);
        if (current is null)
        {
            return new(VolunteerOutcome.NotFound);
        }

        var errors = await ValidateAsync(input, cancellationToken);
        var unit = input.GridUnitCode?.Trim() ?? "";
        var moved = !errors.ContainsKey("gridUnitCode") && unit != current.GridUnitCode;
        if (moved && current.Status == VolunteerStatus.Suspended)
        {
            errors["gridUnitCode"] = new("暂停期间不能更换所在社区。", "A suspended volunteer cannot move to another unit.");
        }

        if (errors.Count > 0)
        {
            return new(VolunteerOutcome.Invalid, Errors: errors);
        }

        return await ChangeAsync(current.Id, version, "update-profile", volunteer =>
        {
            var before = volunteer.GridUnitCode;
            Apply(volunteer, input);
            var summary = $"Profile updated by {userName}";
            if (moved || volunteer.Status == VolunteerStatus.Rejected)
            {
                volunteer.Status = VolunteerStatus.Pending;
                volunteer.StatusReason = null;
                volunteer.ApprovedBy = null;
                volunteer.ApprovedUtc = null;
                summary += moved ? $"; moved from {before} to {volunteer.GridUnitCode}, waiting for approval again" : "; waiting for approval again";
            }

            return Task.FromResult<(VolunteerResult?, string)>((null, summary));
        }, cancellationToken);
    }

    /// <summary>Approves a pending (or refused) registration.</summary>
    public Task<VolunteerResult> ApproveAsync(long id, int? version, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, version, user, "approve", null, [VolunteerStatus.Pending, VolunteerStatus.Rejected], VolunteerStatus.Approved,
            new("只能批准待审核或被退回的注册。", "Only a pending or refused registration can be approved."), cancellationToken);

    /// <summary>Refuses a pending registration, with the reason the volunteer reads.</summary>
    public Task<VolunteerResult> RejectAsync(long id, string? reason, int? version, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, version, user, "reject", reason, [VolunteerStatus.Pending], VolunteerStatus.Rejected,
            new("只能退回待审核的注册。", "Only a pending registration can be refused."), cancellationToken);

    /// <summary>Suspends an approved volunteer (the balance is kept), with the reason.</summary>
    public Task<VolunteerResult> SuspendAsync(long id, string? reason, int? version, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, version, user, "suspend", reason, [VolunteerStatus.Approved], VolunteerStatus.Suspended,
            new("只能暂停已批准的志愿者。", "Only an approved volunteer can be suspended."), cancellationToken);

    /// <summary>Lifts a suspension.</summary>
    public Task<VolunteerResult> ReinstateAsync(long id, int? version, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, version, user, "reinstate", null, [VolunteerStatus.Suspended], VolunteerStatus.Approved,
            new("只能恢复已暂停的志愿者。", "Only a suspended volunteer can be reinstated."), cancellationToken);

    /// <summary>The skills as stored: trimmed, de-duplicated, comma-separated; null for none.</summary>
    public static string? NormaliseSkills(string? skills)
    {
        var items = SplitSkills(skills);
        return items.Count == 0 ? null : string.Join(",", items);
    }

    /// <summary>The skills as a list.</summary>
    public static List<string> SplitSkills(string? skills) =>
        [.. (skills ?? "").Split(SkillSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private async Task<VolunteerResult> TransitionAsync(
        long id, int? version, ClaimsPrincipal user, string action, string? reason, VolunteerStatus[] from, VolunteerStatus to, BilingualText wrongState, CancellationToken cancellationToken)
    {
        var current = await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (current is null)
        {
            return new(VolunteerOutcome.NotFound);
        }

        if (!await authorization.HasPermissionAsync(user, PointsPermissions.Volunteers, current))
        {
            return new(VolunteerOutcome.Forbidden);
        }

        var needsReason = to is VolunteerStatus.Rejected or VolunteerStatus.Suspended;
        var trimmed = reason?.Trim() ?? "";
        if (needsReason && (trimmed.Length == 0 || trimmed.Length > 500))
        {
            return VolunteerResult.Refused(VolunteerOutcome.Invalid, "reason", new("请填写原因（最多 500 字）。", "Give the reason (at most 500 characters)."));
        }

        var actor = user.Identity?.Name ?? "";
        return await ChangeAsync(id, version, action, volunteer =>
        {
            if (!from.Contains(volunteer.Status))
            {
                return Task.FromResult<(VolunteerResult?, string)>((VolunteerResult.Refused(VolunteerOutcome.NotAllowed, "form", wrongState), ""));
            }

            var previous = volunteer.Status;
            volunteer.Status = to;
            volunteer.StatusReason = needsReason ? trimmed : null;
            if (to == VolunteerStatus.Approved && previous != VolunteerStatus.Suspended)
            {
                volunteer.ApprovedBy = actor;
                volunteer.ApprovedUtc = Now();
            }

            var summary = $"{previous} → {to} by {actor}{(needsReason ? $": {trimmed}" : "")}";
            return Task.FromResult<(VolunteerResult?, string)>((null, summary));
        }, cancellationToken);
    }

    /// <summary>
    /// Loads the volunteer tracked, checks the page's version, applies <paramref name="change"/>, bumps the version and
    /// audits, in one transaction; a concurrent change (the version is a concurrency token) answers stale. The change
    /// returns a refusal, or null and the audit's summary.
    /// </summary>
    private async Task<VolunteerResult> ChangeAsync(
        long id, int? version, string action, Func<Volunteer, Task<(VolunteerResult? Refusal, string Summary)>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var volunteer = await db.Set<Volunteer>().FirstOrDefaultAsync(v => v.Id == id, ct);
                if (volunteer is null)
                {
                    return new VolunteerResult(VolunteerOutcome.NotFound);
                }

                if (version is { } expected && volunteer.Version != expected)
                {
                    return VolunteerResult.Refused(VolunteerOutcome.Stale, "stale", StaleMessage);
                }

                var (refusal, summary) = await change(volunteer);
                if (refusal is not null)
                {
                    db.ChangeTracker.Clear();
                    return refusal;
                }

                volunteer.Version++;
                volunteer.UpdatedUtc = Now();
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, action, Subject(volunteer), summary), ct);
                return new VolunteerResult(VolunteerOutcome.Done, volunteer);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return VolunteerResult.Refused(VolunteerOutcome.Stale, "stale", StaleMessage);
        }
    }

    private async Task<Dictionary<string, BilingualText>> ValidateAsync(VolunteerInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var name = input.RealName?.Trim() ?? "";
        if (name.Length is < 2 or > 20)
        {
            errors["realName"] = new("请填写真实姓名（2 到 20 个字）。", "Enter your real name (2 to 20 characters).");
        }

        if (!MobilePattern().IsMatch(input.Phone?.Trim() ?? ""))
        {
            errors["phone"] = new("请填写 11 位手机号码。", "Enter an 11-digit mobile phone number.");
        }

        var unit = input.GridUnitCode?.Trim() ?? "";
        if (unit.Length == 0)
        {
            errors["gridUnitCode"] = new("请选择所在社区或网格。", "Choose your community or grid.");
        }
        else if (await grid.FindAsync(unit, cancellationToken) is not { } found)
        {
            errors["gridUnitCode"] = new($"本区网格中没有单位“{unit}”。", $"The district's grid has no unit '{unit}'.");
        }
        else if (found.Depth < CommunityDepth)
        {
            errors["gridUnitCode"] = new("请选择社区（村）或更下一级的网格，不能是街道（乡镇）。", "Choose a community (village) or a grid below it, not a street (township).");
        }

        var skills = SplitSkills(input.Skills);
        if (skills.Count > 10 || skills.Any(s => s.Length > 10))
        {
            errors["skills"] = new("技能最多 10 项，每项不超过 10 个字，用逗号分开。", "At most 10 skills of at most 10 characters each, separated by commas.");
        }

        return errors;
    }

    private static void Apply(Volunteer volunteer, VolunteerInput input)
    {
        volunteer.RealName = input.RealName?.Trim() ?? "";
        volunteer.Phone = input.Phone?.Trim() ?? "";
        volunteer.GridUnitCode = input.GridUnitCode?.Trim() ?? "";
        volunteer.Skills = NormaliseSkills(input.Skills);
        volunteer.PublicConsent = input.PublicConsent;
    }

    private static string Subject(Volunteer volunteer) => $"volunteer:{volunteer.Id}";

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
