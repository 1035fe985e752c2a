using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Security;
using GovPlatform.RedGrid.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using static GovPlatform.Forms.FieldChecks;

namespace GovPlatform.RedGrid.Members;

/// <summary>A member as typed into the register's editor; dates stay text so a bad value is shown back as typed.</summary>
public sealed record MemberInput(
    string Name, string? IdNumber, string? Phone, string? BirthDate, string? JoinedOn, string Kind, string? Organisation,
    string GridUnit, string? Employer, string? UserName);

/// <summary>How a change to the register went.</summary>
public enum MemberOutcome
{
    Done,
    Invalid,
    NotFound,
    Stale,
    Forbidden,
}

/// <summary>The result of a change: the member, or the errors by field (<c>""</c> for the whole form).</summary>
public sealed record MemberResult(MemberOutcome Outcome, PartyMember? Member, IReadOnlyDictionary<string, BilingualText> Errors)
{
    public static MemberResult Fail(MemberOutcome outcome, string key, BilingualText message) => new(outcome, null, new Dictionary<string, BilingualText> { [key] = message });
}

/// <summary>
/// A member as a page or an export may show it: the personal fields (ID number, mobile, birth date) are already masked
/// unless the reader holds <see cref="RedGridPermissions.MemberData"/> over the member's unit, so a page can never print
/// what it was not meant to. <see cref="Full"/> says which it is (full views are audited).
/// </summary>
public sealed record MemberView(
    long Id, string Name, string IdNumber, string Phone, string BirthDate, DateOnly? JoinedOn, MemberKind Kind, MemberStatus Status,
    long? OrganisationId, string GridUnitCode, string? Employer, string? ReportedUnitCode, DateOnly? ReportedOn, string? UserName,
    int Version, bool Full);

/// <summary>The list's filters as parsed.</summary>
public sealed record MemberFilter(string? Unit, long? Organisation, MemberKind? Kind, MemberStatus? Status, string? Text);

/// <summary>
/// The member register (党员名册): registration and edits with version checks, transfer out and end, the privacy of
/// personal data with every full read audited (category <c>redgrid</c>, action <c>read-member</c>), in-service members
/// reporting to their community (在职党员社区报到) and their service tasks.
/// </summary>
public sealed class MemberService(
    TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, IAuthorizationService authorization, IAuditLog audit,
    RedGridSettingsStore settingsStore, TimeProvider clock)
{
    /// <summary>The audit category of the module.</summary>
    public const string AuditCategory = "redgrid";

    /// <summary>The message of an edit over someone else's change.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这名党员的信息刚被他人修改，请刷新页面后再改。", "Someone else changed this member since you opened it; reload the page and make your change again.");

    private static readonly BilingualText Required = new("必填。", "Required.");
    private static readonly BilingualText OutOfScope = new("只能选择您管辖范围内的单位。", "Choose a unit within your scope.");

    /// <summary>One page of the register in the reader's scope, filtered, as the reader may see it; audits the full reads.</summary>
    public async Task<(IReadOnlyList<MemberView> Members, int Total)> ListAsync(MemberFilter filter, int page, int pageSize, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await QueryAsync(filter, user, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var members = await query.OrderBy(m => m.Name).ThenBy(m => m.Id).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (await PresentAsync(members, user, "list", cancellationToken), total);
    }

    /// <summary>Every member the filters select in the reader's scope (the export), as the reader may see them; audits the full reads.</summary>
    public async Task<IReadOnlyList<MemberView>> ExportAsync(MemberFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await QueryAsync(filter, user, cancellationToken);
        var members = await query.OrderBy(m => m.GridUnitCode).ThenBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        return await PresentAsync(members, user, "export", cancellationToken);
    }

    /// <summary>Member <paramref name="id"/> as the reader may see it (null when missing or outside the reader's scope); audits a full read.</summary>
    public async Task<MemberView?> ReadAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var member = await db.Set<PartyMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null || !await authorization.HasPermissionAsync(user, RedGridPermissions.View, member))
        {
            return null;
        }

        return (await PresentAsync([member], user, "page", cancellationToken))[0];
    }

    /// <summary>Whether the reader may see <paramref name="member"/>'s personal data.</summary>
    public Task<bool> CanSeeDataAsync(ClaimsPrincipal user, PartyMember member) => authorization.HasPermissionAsync(user, RedGridPermissions.MemberData, member);

    /// <summary>Adds a member to the register.</summary>
    public async Task<MemberResult> CreateAsync(MemberInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (errors, values) = await ValidateAsync(input, null, user, cancellationToken);
        if (values is null)
        {
            return new(MemberOutcome.Invalid, null, errors);
        }

        var member = new PartyMember { Status = MemberStatus.Active, Version = 1 };
        Apply(member, input, values);
        db.Add(member);
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, "member-create", $"member:{member.Id}", $"{member.Name} by {Actor(user)}"), cancellationToken);
        return new(MemberOutcome.Done, member, errors);
    }

    /// <summary>
    /// Saves member <paramref name="id"/> opened at <paramref name="version"/>. For a reader without MemberData over the
    /// member, a personal field posted back as the masked value it was shown keeps the stored value.
    /// </summary>
    public async Task<MemberResult> UpdateAsync(long id, MemberInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var member = await db.Set<PartyMember>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return new(MemberOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        if (!await authorization.HasPermissionAsync(user, RedGridPermissions.Members, member))
        {
            return new(MemberOutcome.Forbidden, member, new Dictionary<string, BilingualText>());
        }

        if (member.Version != version)
        {
            return new(MemberOutcome.Stale, member, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        if (!await CanSeeDataAsync(user, member))
        {
            input = Unmask(input, member);
        }

        var (errors, values) = await ValidateAsync(input, id, user, cancellationToken);
        if (values is null)
        {
            return new(MemberOutcome.Invalid, member, errors);
        }

        Apply(member, input, values);
        member.Version = version + 1;
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, "member-edit", $"member:{member.Id}", $"{member.Name} by {Actor(user)}"), cancellationToken);
        return new(MemberOutcome.Done, member, errors);
    }

    /// <summary>Transfers member <paramref name="id"/> out or ends the membership, with a reason (audited).</summary>
    public async Task<MemberResult> EndAsync(long id, MemberStatus status, string? reason, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var member = await db.Set<PartyMember>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return new(MemberOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        if (!await authorization.HasPermissionAsync(user, RedGridPermissions.Members, member))
        {
            return new(MemberOutcome.Forbidden, member, new Dictionary<string, BilingualText>());
        }

        if (member.Version != version)
        {
            return new(MemberOutcome.Stale, member, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (status == MemberStatus.Active || !Enum.IsDefined(status))
        {
            errors["status"] = new("请选择转出或终止。", "Choose transferred out or ended.");
        }
        else if (member.Status != MemberStatus.Active)
        {
            errors["status"] = new("这名党员已不在册。", "This member is no longer on the register.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = Required;
        }
        else if (reason.Trim().Length > 500)
        {
            errors["reason"] = new("不能超过 500 个字符。", "At most 500 characters.");
        }

        if (errors.Count > 0)
        {
            return new(MemberOutcome.Invalid, member, errors);
        }

        member.Status = status;
        member.Version = version + 1;
        member.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, status == MemberStatus.Transferred ? "member-transfer" : "member-end", $"member:{member.Id}",
            $"{member.Name} by {Actor(user)}: {reason!.Trim()}"), cancellationToken);
        return new(MemberOutcome.Done, member, errors);
    }

    /// <summary>Records that in-service member <paramref name="id"/> reported to <paramref name="community"/> on <paramref name="date"/>.</summary>
    public async Task<MemberResult> ReportAsync(long id, string? community, string? date, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetAsync(cancellationToken);
        var units = await grid.GetUnitsInScopeAsync(user, cancellationToken);
        var member = await db.Set<PartyMember>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return new(MemberOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        if (!await authorization.HasPermissionAsync(user, RedGridPermissions.Members, member))
        {
            return new(MemberOutcome.Forbidden, member, new Dictionary<string, BilingualText>());
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (member.Kind != MemberKind.InService || member.Status != MemberStatus.Active)
        {
            errors[""] = new("只有在册的在职党员才能到社区报到。", "Only an in-service member on the register reports to a community.");
        }

        var unit = units.FirstOrDefault(u => u.Code == (community ?? "").Trim());
        if (unit is null || unit.Depth != settings.CommunityDepth)
        {
            errors["community"] = new("请选择您管辖范围内的社区。", "Choose a community within your scope.");
        }

        var on = Date(errors, "reportedOn", date, required: true);
        if (errors.Count > 0)
        {
            return new(MemberOutcome.Invalid, member, errors);
        }

        member.ReportedUnitCode = unit!.Code;
        member.ReportedOn = on;
        member.Version++;
        member.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, "member-report", $"member:{member.Id}", $"{member.Name} reported to {unit.Code} on {Iso(on!.Value)}, by {Actor(user)}"), cancellationToken);
        return new(MemberOutcome.Done, member, errors);
    }

    /// <summary>Undoes member <paramref name="id"/>'s reporting (recorded by mistake); the tasks stay as history.</summary>
    public async Task<MemberResult> UndoReportAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var member = await db.Set<PartyMember>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null || member.ReportedUnitCode is null)
        {
            return new(MemberOutcome.NotFound, member, new Dictionary<string, BilingualText>());
        }

        // The community's staff may undo too, though the member may live elsewhere: check the community it reported to.
        if (!await authorization.HasPermissionAsync(user, RedGridPermissions.Members, member)
            && !await authorization.HasPermissionAsync(user, RedGridPermissions.Members, new UnitResource { GridUnitCode = member.ReportedUnitCode }))
        {
            return new(MemberOutcome.Forbidden, member, new Dictionary<string, BilingualText>());
        }

        var community = member.ReportedUnitCode;
        member.ReportedUnitCode = null;
        member.ReportedOn = null;
        member.Version++;
        member.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, "member-report-undo", $"member:{member.Id}", $"{member.Name} no longer reported to {community}, by {Actor(user)}"), cancellationToken);
        return new(MemberOutcome.Done, member, new Dictionary<string, BilingualText>());
    }

    /// <summary>The members who reported to <paramref name="community"/> (names and work only: no personal data), with their tasks.</summary>
    public async Task<IReadOnlyList<(PartyMember Member, IReadOnlyList<MemberTask> Tasks)>> ReportedToAsync(string community, CancellationToken cancellationToken = default)
    {
        var members = await db.Set<PartyMember>().AsNoTracking()
            .Where(m => m.ReportedUnitCode == community && m.Status == MemberStatus.Active)
            .OrderBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var tasks = await db.Set<MemberTask>().AsNoTracking().Where(t => ids.Contains(t.MemberId) && t.GridUnitCode == community)
            .OrderBy(t => t.CompletedUtc != null).ThenBy(t => t.DueOn).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return [.. members.Select(m => (m, (IReadOnlyList<MemberTask>)[.. tasks.Where(t => t.MemberId == m.Id)]))];
    }

    /// <summary>Gives member <paramref name="memberId"/>, reported to a community, a service task there.</summary>
    public async Task<(MemberTask? Task, IReadOnlyDictionary<string, BilingualText> Errors, MemberOutcome Outcome)> AddTaskAsync(
        long memberId, string? title, string? dueOn, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var member = await db.Set<PartyMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member?.ReportedUnitCode is not { } community || member.Status != MemberStatus.Active)
        {
            return (null, new Dictionary<string, BilingualText> { [""] = new("这名党员没有在社区报到。", "This member has not reported to a community.") }, MemberOutcome.NotFound);
        }

        var task = new MemberTask { MemberId = memberId, GridUnitCode = community, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        if (!await authorization.HasPermissionAsync(user, RedGridPermissions.Members, task))
        {
            return (null, new Dictionary<string, BilingualText>(), MemberOutcome.Forbidden);
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        Text(errors, "title", title, 200, required: true);
        var due = Date(errors, "dueOn", dueOn, required: false);
        if (errors.Count > 0)
        {
            return (null, errors, MemberOutcome.Invalid);
        }

        task.Title = title!.Trim();
        task.DueOn = due;
        db.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, "task-create", $"task:{task.Id}", $"{task.Title} for member:{memberId} in {community}, by {Actor(user)}"), cancellationToken);
        return (task, errors, MemberOutcome.Done);
    }

    /// <summary>
    /// Marks task <paramref name="taskId"/> done with the minutes of service given: by the community's staff
    /// (<paramref name="asMember"/> false) or by the member themselves through their account.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, BilingualText> Errors, MemberOutcome Outcome)> CompleteTaskAsync(
        long taskId, string? minutes, string? note, bool asMember, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var task = await db.Set<MemberTask>().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return (new Dictionary<string, BilingualText>(), MemberOutcome.NotFound);
        }

        if (asMember)
        {
            var name = user.Identity?.Name;
            var own = name is { Length: > 0 } && await db.Set<PartyMember>().AnyAsync(m => m.Id == task.MemberId && m.UserName == name && m.Status == MemberStatus.Active, cancellationToken);
            if (!own)
            {
                return (new Dictionary<string, BilingualText>(), MemberOutcome.NotFound);
            }
        }
        else if (!await authorization.HasPermissionAsync(user, RedGridPermissions.Members, task))
        {
            return (new Dictionary<string, BilingualText>(), MemberOutcome.Forbidden);
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (task.CompletedUtc is not null)
        {
            errors[""] = new("这项任务已经完成。", "This task is already done.");
        }

        if (!int.TryParse((minutes ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 24 * 60)
        {
            errors["minutes"] = new("请填写 1 到 1440 之间的服务分钟数。", "Give the minutes of service, from 1 to 1440.");
        }

        Text(errors, "note", note, 1000);
        if (errors.Count > 0)
        {
            return (errors, MemberOutcome.Invalid);
        }

        task.Minutes = value;
        task.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        task.CompletedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, "task-done", $"task:{task.Id}", $"{task.Title}: {value} min, by {Actor(user)}{(asMember ? " (the member)" : "")}"), cancellationToken);
        return (errors, MemberOutcome.Done);
    }

    /// <summary>The tasks of the member whose account is <paramref name="userName"/>, open first.</summary>
    public async Task<(PartyMember? Member, IReadOnlyList<MemberTask> Tasks)> OwnTasksAsync(string? userName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return (null, []);
        }

        var member = await db.Set<PartyMember>().AsNoTracking().FirstOrDefaultAsync(m => m.UserName == userName && m.Status == MemberStatus.Active, cancellationToken);
        if (member is null)
        {
            return (null, []);
        }

        var tasks = await db.Set<MemberTask>().AsNoTracking().Where(t => t.MemberId == member.Id)
            .OrderBy(t => t.CompletedUtc != null).ThenBy(t => t.DueOn).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return (member, tasks);
    }

    /// <summary>The member as an editor opens it (personal fields masked unless <paramref name="view"/> is full).</summary>
    public static MemberInput ToInput(MemberView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Name, view.IdNumber, view.Phone, view.BirthDate, view.JoinedOn is { } j ? Iso(j) : null, view.Kind.ToString(),
            view.OrganisationId?.ToString(CultureInfo.InvariantCulture), view.GridUnitCode, view.Employer, view.UserName);
    }

    /// <summary>The birth date in an ID number (digits 7–14), if it has one.</summary>
    public static DateOnly? BirthDateOf(string? idNumber)
    {
        var id = Identifiers.IdNumber.Normalise(idNumber);
        return id.Length == 18 && DateOnly.TryParseExact(id[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<IQueryable<PartyMember>> QueryAsync(MemberFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // The grid first: its first load opens its own transaction.
        var units = await grid.GetUnitsInScopeAsync(user, cancellationToken);
        var query = await scope.ApplyAsync(db.Set<PartyMember>().AsNoTracking(), m => m.GridUnitCode, user, cancellationToken);
        if (filter.Unit is { } unit && units.Any(u => u.Code == unit))
        {
            var codes = await grid.GetSubtreeCodesAsync(unit, cancellationToken);
            query = query.Where(m => codes.Contains(m.GridUnitCode));
        }

        if (filter.Organisation is { } organisation)
        {
            query = query.Where(m => m.OrganisationId == organisation);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(m => m.Name.Contains(text));
        }

        return query;
    }

    private async Task<IReadOnlyList<MemberView>> PresentAsync(List<PartyMember> members, ClaimsPrincipal user, string where, CancellationToken cancellationToken)
    {
        var views = new List<MemberView>(members.Count);
        foreach (var member in members)
        {
            views.Add(View(member, await CanSeeDataAsync(user, member)));
        }

        // Every read that shows personal data is on record: one entry per page (or export) with the ids shown in full.
        var full = views.Where(v => v.Full).Select(v => v.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        if (full.Count > 0)
        {
            await audit.RecordAsync(new AuditEvent(AuditCategory, "read-member", full.Count == 1 ? $"member:{full[0]}" : "members",
                $"{where} by {Actor(user)}: {string.Join(",", full)}"), cancellationToken);
        }

        return views;
    }

    private static MemberView View(PartyMember m, bool full) => new(
        m.Id, m.Name,
        full ? m.IdNumber ?? "" : Identifiers.IdNumber.Mask(m.IdNumber),
        full ? m.Phone ?? "" : MobileNumber.Mask(m.Phone),
        m.BirthDate is { } b ? full ? Iso(b) : b.Year.ToString(CultureInfo.InvariantCulture) : "",
        m.JoinedOn, m.Kind, m.Status, m.OrganisationId, m.GridUnitCode, m.Employer, m.ReportedUnitCode, m.ReportedOn, m.UserName, m.Version, full);

    /// <summary>A masked value posted back untouched stands for the stored one.</summary>
    private static MemberInput Unmask(MemberInput input, PartyMember stored) => input with
    {
        IdNumber = (input.IdNumber ?? "").Trim() == Identifiers.IdNumber.Mask(stored.IdNumber) ? stored.IdNumber : input.IdNumber,
        Phone = (input.Phone ?? "").Trim() == MobileNumber.Mask(stored.Phone) ? stored.Phone : input.Phone,
        BirthDate = stored.BirthDate is { } b && (input.BirthDate ?? "").Trim() == b.Year.ToString(CultureInfo.InvariantCulture) ? Iso(b) : input.BirthDate,
    };

    private async Task<(Dictionary<string, BilingualText> Errors, Parsed? Values)> ValidateAsync(MemberInput input, long? id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var units = await grid.GetUnitsInScopeAsync(user, cancellationToken);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        Text(errors, "name", input.Name, 50, required: true);
        Text(errors, "employer", input.Employer, 100);
        Text(errors, "userName", input.UserName, 256);

        string? idNumber = null;
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            idNumber = Identifiers.IdNumber.Normalise(input.IdNumber);
            if (!Identifiers.IdNumber.IsValid(idNumber))
            {
                errors["idNumber"] = new("身份证号码无效（18 位，校验位须正确）。", "The ID number is not valid (18 characters with the right check digit).");
            }
            else if (await db.Set<PartyMember>().AnyAsync(m => m.IdNumber == idNumber && m.Id != (id ?? 0), cancellationToken))
            {
                errors["idNumber"] = new("名册中已有这个身份证号码。", "Another member on the register has this ID number.");
            }
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            phone = MobileNumber.Normalise(input.Phone);
            if (!MobileNumber.IsValid(phone))
            {
                errors["phone"] = new("请填写 11 位手机号码。", "Give an 11-digit mobile number.");
            }
        }

        var birth = Date(errors, "birthDate", input.BirthDate, required: false);
        if (birth is null && !errors.ContainsKey("birthDate") && !errors.ContainsKey("idNumber"))
        {
            birth = BirthDateOf(idNumber);
        }

        var joined = Date(errors, "joinedOn", input.JoinedOn, required: false);
        if (!Enum.TryParse<MemberKind>(input.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(input.Kind, out _))
        {
            errors["kind"] = new("请选择党员类别。", "Choose the kind of member.");
        }
        else if (kind == MemberKind.InService && string.IsNullOrWhiteSpace(input.Employer))
        {
            errors["employer"] = new("在职党员须填写工作单位。", "Give an in-service member's employer.");
        }

        var unitCode = (input.GridUnit ?? "").Trim();
        if (unitCode.Length == 0)
        {
            errors["gridUnit"] = Required;
        }
        else if (!units.Any(u => u.Code == unitCode))
        {
            errors["gridUnit"] = OutOfScope;
        }

        long? organisationId = null;
        if (!string.IsNullOrWhiteSpace(input.Organisation))
        {
            var codes = units.Select(u => u.Code).ToList();
            if (!long.TryParse(input.Organisation.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var oid)
                || !await db.Set<PartyOrganisation>().AnyAsync(o => o.Id == oid && o.Active && codes.Contains(o.GridUnitCode), cancellationToken))
            {
                errors["organisation"] = new("请选择您管辖范围内的在用党组织。", "Choose an active organisation within your scope.");
            }
            else
            {
                organisationId = oid;
            }
        }

        return errors.Count > 0 ? (errors, null) : (errors, new Parsed(idNumber, phone, birth, joined, kind, organisationId, unitCode));
    }

    private void Apply(PartyMember member, MemberInput input, Parsed values)
    {
        member.Name = input.Name.Trim();
        member.IdNumber = values.IdNumber;
        member.Phone = values.Phone;
        member.BirthDate = values.BirthDate;
        member.JoinedOn = values.JoinedOn;
        member.Kind = values.Kind;
        member.OrganisationId = values.OrganisationId;
        member.GridUnitCode = values.GridUnitCode;
        member.Employer = string.IsNullOrWhiteSpace(input.Employer) ? null : input.Employer.Trim();
        member.UserName = string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim();
        member.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
    }

    private async Task<MemberResult?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return MemberResult.Fail(MemberOutcome.Stale, "", StaleMessage);
        }
        catch (DbUpdateException)
        {
            // Two registrations of one ID number at once: the unique index keeps the second out.
            db.ChangeTracker.Clear();
            return MemberResult.Fail(MemberOutcome.Invalid, "idNumber", new("名册中已有这个身份证号码。", "Another member on the register has this ID number."));
        }
    }

    private static string Actor(ClaimsPrincipal? user) => user?.Identity?.Name ?? "recipe";

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

    private sealed record Parsed(string? IdNumber, string? Phone, DateOnly? BirthDate, DateOnly? JoinedOn, MemberKind Kind, long? OrganisationId, string GridUnitCode);
}
