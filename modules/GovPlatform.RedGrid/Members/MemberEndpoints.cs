using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Security;
using GovPlatform.RedGrid.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GovPlatform.RedGrid.Members;

/// <summary>
/// The member register's staff pages (<c>admin/redgrid/members</c>: list, export, editor, transfer/end, community
/// reporting), the community's reporting members and their tasks (<c>admin/redgrid/reporting</c>), the reporting report
/// (<c>admin/redgrid/reporting/report</c>) and the member's own tasks on the public site (<c>redgrid/my-tasks</c>).
/// </summary>
internal static class MemberEndpoints
{
    private const string AdminPath = "admin/redgrid/members";
    private const string ReportingPath = "admin/redgrid/reporting";
    private const int PageSize = 50;
    private static readonly Dictionary<string, string> NoErrors = [];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View);
        view.MapGetShared("/members", ListAsync);
        view.MapGetShared("/members/export", ExportAsync);
        view.MapGetShared("/members/{id:long}", MemberAsync);
        var manage = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Members);
        manage.MapGetShared("/members/new", NewAsync);
        manage.MapPostShared("/members/new", CreateAsync);
        manage.MapPostShared("/members/{id:long}", SaveAsync);
        manage.MapPostShared("/members/{id:long}/end", EndAsync);
        manage.MapPostShared("/members/{id:long}/report", ReportAsync);
        manage.MapPostShared("/members/{id:long}/unreport", UnreportAsync);
        manage.MapGetShared("/reporting", ReportingAsync);
        manage.MapPostShared("/reporting/tasks", AddTaskAsync);
        manage.MapPostShared("/reporting/tasks/{id:long}/done", TaskDoneAsync);
        var reports = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Reports);
        reports.MapGetShared("/reporting/report", ReportPageAsync);
        reports.MapGetShared("/reporting/report/export", ReportExportAsync);
        endpoints.MapGetShared("/redgrid/my-tasks", MyTasksAsync).RequireAuthorization();
        endpoints.MapPostShared("/redgrid/my-tasks/{id:long}/done", MyTaskDoneAsync).RequireAuthorization();
    }

    private static MemberFilter Filter(string? unit, string? organisation, string? kind, string? status, string? q) => new(
        string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(),
        long.TryParse(organisation, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : null,
        Enum.TryParse<MemberKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null,
        Enum.TryParse<MemberStatus>(status, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null,
        string.IsNullOrWhiteSpace(q) ? null : q.Trim());

    private static async Task<IResult> ListAsync(
        string? unit, string? organisation, string? kind, string? status, string? q, int? page, string? done, HttpContext context,
        MemberService members, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var filter = Filter(unit, organisation, kind, status, q);
        var number = Math.Max(1, page ?? 1);
        var (rows, total) = await members.ListAsync(filter, number, PageSize, context.User, ct);
        return ComponentPage.Render<MembersPage>(context, new
        {
            Members = rows,
            Units = units,
            Organisations = await OrganisationsAsync(db, units, ct),
            Filter = filter,
            Total = total,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Members),
        });
    }

    private static async Task<IResult> ExportAsync(
        string? unit, string? organisation, string? kind, string? status, string? q, HttpContext context, MemberService members, TenantDbContext db,
        IGridDirectory grid, IAuditLog audit, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var organisations = (await OrganisationsAsync(db, units, ct)).ToDictionary(o => o.Id, o => o.Name);
        var rows = await members.ExportAsync(Filter(unit, organisation, kind, status, q), context.User, ct);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        string T(BilingualText text) => english ? text.English : text.Chinese;
        string UnitName(string? code) => code is null ? "" : units.FirstOrDefault(u => u.Code == code)?.DisplayName(CultureInfo.CurrentUICulture) ?? code;
        var sheet = rows.Select(m => new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [T(new("姓名", "Name"))] = m.Name,
            [T(new("身份证号", "ID number"))] = m.IdNumber,
            [T(new("手机", "Mobile"))] = m.Phone,
            [T(new("出生", "Born"))] = m.BirthDate,
            [T(new("入党日期", "Joined on"))] = m.JoinedOn is { } j ? MemberService.Iso(j) : "",
            [T(new("类别", "Kind"))] = T(RedGridNames.Member(m.Kind)),
            [T(new("状态", "Status"))] = T(RedGridNames.MemberStatus(m.Status)),
            [T(new("居住单位", "Lives in"))] = UnitName(m.GridUnitCode),
            [T(new("所在党组织", "Organisation"))] = m.OrganisationId is { } o ? organisations.GetValueOrDefault(o, "") : "",
            [T(new("工作单位", "Employer"))] = m.Employer ?? "",
            [T(new("报到社区", "Reported to"))] = UnitName(m.ReportedUnitCode),
            [T(new("报到日期", "Reported on"))] = m.ReportedOn is { } r ? MemberService.Iso(r) : "",
        }).ToList();
        // On record before a byte is written: an export that cannot be audited is not made (no file is left behind).
        var personal = rows.Any(m => m.Full);
        await audit.RecordAsync(new AuditEvent(MemberService.AuditCategory, "member-export", string.IsNullOrWhiteSpace(unit) ? "*" : unit.Trim(),
            $"{rows.Count} rows {(personal ? "with" : "without")} personal data, by {context.User.Identity?.Name}"), ct);
        return await WorkbookDownload.FileAsync("party-members.xlsx", file =>
            file.SaveAsAsync(sheet, sheetName: T(new("党员", "Members")), cancellationToken: ct));
    }

    private static async Task<IResult> MemberAsync(long id, string? done, HttpContext context, MemberService members, TenantDbContext db, IGridDirectory grid,
        IAuthorizationService authorization, RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var member = await members.ReadAsync(id, context.User, ct);
        return member is null ? Results.NotFound() : await PageAsync(context, members, db, grid, authorization, settings, member, MemberForm.From(MemberService.ToInput(member), member.Version), NoErrors, done, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> NewAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, CancellationToken ct) =>
        await NewPageAsync(context, db, grid, new MemberForm { Kind = nameof(MemberKind.Resident) }, NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] MemberForm form, HttpContext context, MemberService members, TenantDbContext db, IGridDirectory grid, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var result = await members.CreateAsync(form.ToInput(), context.User, ct);
        return result.Outcome == MemberOutcome.Done
            ? Results.Redirect(context.TenantPath($"{AdminPath}/{result.Member!.Id}?done=created"))
            : await NewPageAsync(context, db, grid, form, Text(result.Errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> SaveAsync(long id, [FromForm] MemberForm form, HttpContext context, MemberService members, TenantDbContext db, IGridDirectory grid,
        IAuthorizationService authorization, RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var result = await members.UpdateAsync(id, form.ToInput(), form.Version, context.User, ct);
        return await AfterAsync(result, id, "saved", form, null, context, members, db, grid, authorization, settings, ct);
    }

    private static async Task<IResult> EndAsync(long id, [FromForm] MemberEndForm form, HttpContext context, MemberService members, TenantDbContext db, IGridDirectory grid,
        IAuthorizationService authorization, RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var status = Enum.TryParse<MemberStatus>(form.Status, out var s) && !int.TryParse(form.Status, out _) ? s : MemberStatus.Active;
        var result = await members.EndAsync(id, status, form.Reason, form.Version, context.User, ct);
        return await AfterAsync(result, id, "ended", null, form, context, members, db, grid, authorization, settings, ct);
    }

    private static async Task<IResult> ReportAsync(long id, [FromForm] MemberReportForm form, HttpContext context, MemberService members, TenantDbContext db, IGridDirectory grid,
        IAuthorizationService authorization, RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var result = await members.ReportAsync(id, form.Community, form.ReportedOn, context.User, ct);
        return await AfterAsync(result, id, "reported", null, null, context, members, db, grid, authorization, settings, ct);
    }

    private static async Task<IResult> UnreportAsync(long id, string? community, HttpContext context, MemberService members, CancellationToken ct)
    {
        var result = await members.UndoReportAsync(id, context.User, ct);
        return result.Outcome switch
        {
            // From the community's reporting page (which names its community) back there, else to the member.
            MemberOutcome.Done => Results.Redirect(context.TenantPath(community is { Length: > 0 }
                ? $"{ReportingPath}?community={Uri.EscapeDataString(community)}&done=undone" : $"{AdminPath}/{id}?done=undone")),
            MemberOutcome.Forbidden => Results.Forbid(),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> AfterAsync(MemberResult result, long id, string done, MemberForm? form, MemberEndForm? end, HttpContext context, MemberService members,
        TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, RedGridSettingsStore settings, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case MemberOutcome.NotFound:
                return Results.NotFound();
            case MemberOutcome.Forbidden:
                return Results.Forbid();
            case MemberOutcome.Done:
                return Results.Redirect(context.TenantPath($"{AdminPath}/{id}?done={done}"));
        }

        var member = await members.ReadAsync(id, context.User, ct);
        if (member is null)
        {
            return Results.NotFound();
        }

        var status = result.Outcome == MemberOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return await PageAsync(context, members, db, grid, authorization, settings, member, form ?? MemberForm.From(MemberService.ToInput(member), member.Version), Text(result.Errors), null, status, ct, end);
    }

    private static async Task<IResult> PageAsync(HttpContext context, MemberService members, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization,
        RedGridSettingsStore settingsStore, MemberView member, MemberForm form, Dictionary<string, string> errors, string? done, int status, CancellationToken ct, MemberEndForm? end = null)
    {
        var settings = await settingsStore.GetAsync(ct);
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var record = new PartyMember { GridUnitCode = member.GridUnitCode };
        var home = (await grid.GetAncestorsAsync(member.GridUnitCode, ct)).FirstOrDefault(u => u.Depth == settings.CommunityDepth);
        return ComponentPage.Render<MemberPage>(context, new
        {
            Member = member,
            Form = form,
            End = end ?? new MemberEndForm { Version = member.Version },
            Units = units,
            Organisations = await OrganisationsAsync(db, units, ct),
            Communities = units.Where(u => u.Depth == settings.CommunityDepth).ToList(),
            HomeCommunity = home?.Code ?? (units.FirstOrDefault(u => u.Code == member.GridUnitCode && u.Depth == settings.CommunityDepth)?.Code),
            UnitName = (await grid.FindAsync(member.GridUnitCode, ct))?.DisplayName(CultureInfo.CurrentUICulture) ?? member.GridUnitCode,
            ReportedName = member.ReportedUnitCode is { } r ? (await grid.FindAsync(r, ct))?.DisplayName(CultureInfo.CurrentUICulture) ?? r : null,
            Errors = errors,
            Done = done,
            CanEdit = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Members, record),
        }, status);
    }

    private static async Task<IResult> NewPageAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, MemberForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        return ComponentPage.Render<MemberNewPage>(context, new { Form = form, Units = units, Organisations = await OrganisationsAsync(db, units, ct), Errors = errors }, status);
    }

    private static async Task<IResult> ReportingAsync(string? community, string? done, HttpContext context, MemberService members, IGridDirectory grid, RedGridSettingsStore settingsStore, CancellationToken ct) =>
        await ReportingPageAsync(community, done, NoErrors, StatusCodes.Status200OK, context, members, grid, settingsStore, ct);

    private static async Task<IResult> ReportingPageAsync(string? community, string? done, Dictionary<string, string> errors, int status, HttpContext context, MemberService members,
        IGridDirectory grid, RedGridSettingsStore settingsStore, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var communities = units.Where(u => u.Depth == settings.CommunityDepth).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var chosen = communities.FirstOrDefault(c => c.Code == community) ?? communities.FirstOrDefault();
        var reported = chosen is null ? [] : await members.ReportedToAsync(chosen.Code, ct);
        return ComponentPage.Render<ReportingPage>(context, new { Communities = communities, Community = chosen, Reported = reported, Errors = errors, Done = done }, status);
    }

    private static async Task<IResult> AddTaskAsync([FromForm] TaskForm form, string? community, HttpContext context, MemberService members, IGridDirectory grid, RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var (task, errors, outcome) = await members.AddTaskAsync(form.MemberId, form.Title, form.DueOn, context.User, ct);
        return outcome switch
        {
            MemberOutcome.Done => Results.Redirect(context.TenantPath($"{ReportingPath}?community={Uri.EscapeDataString(task!.GridUnitCode)}&done=task")),
            MemberOutcome.Forbidden => Results.Forbid(),
            _ => await ReportingPageAsync(community, null, Text(errors), StatusCodes.Status400BadRequest, context, members, grid, settings, ct),
        };
    }

    private static async Task<IResult> TaskDoneAsync(long id, [FromForm] TaskDoneForm form, string? community, HttpContext context, MemberService members, IGridDirectory grid,
        RedGridSettingsStore settings, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var (errors, outcome) = await members.CompleteTaskAsync(id, form.Minutes, form.Note, asMember: false, context.User, ct);
        return outcome switch
        {
            MemberOutcome.Done => Results.Redirect(context.TenantPath($"{ReportingPath}?community={Uri.EscapeDataString(community ?? "")}&done=completed")),
            MemberOutcome.Forbidden => Results.Forbid(),
            MemberOutcome.NotFound => Results.NotFound(),
            _ => await ReportingPageAsync(community, null, Text(errors), StatusCodes.Status400BadRequest, context, members, grid, settings, ct),
        };
    }

    private static async Task<IResult> MyTasksAsync(string? done, HttpContext context, MemberService members, CancellationToken ct) =>
        await MyTasksPageAsync(done, NoErrors, StatusCodes.Status200OK, context, members, ct);

    private static async Task<IResult> MyTasksPageAsync(string? done, Dictionary<string, string> errors, int status, HttpContext context, MemberService members, CancellationToken ct)
    {
        var (member, tasks) = await members.OwnTasksAsync(context.User.Identity?.Name, ct);
        return ComponentPage.Render<MyTasksPage>(context, new { Member = member, Tasks = tasks, Errors = errors, Done = done }, status);
    }

    private static async Task<IResult> MyTaskDoneAsync(long id, [FromForm] TaskDoneForm form, HttpContext context, MemberService members, CancellationToken ct)
    {
        var (errors, outcome) = await members.CompleteTaskAsync(id, form.Minutes, form.Note, asMember: true, context.User, ct);
        return outcome switch
        {
            MemberOutcome.Done => Results.Redirect(context.TenantPath("redgrid/my-tasks?done=completed")),
            MemberOutcome.NotFound => Results.NotFound(),
            _ => await MyTasksPageAsync(null, Text(errors), StatusCodes.Status400BadRequest, context, members, ct),
        };
    }

    private static async Task<IResult> ReportPageAsync(string? unit, string? period, string? from, string? to, HttpContext context, ReportingReport report, IGridDirectory grid,
        IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var (figures, errors, status, preset) = await ComputeAsync(unit, period, from, to, context.User, report, calendars, clock, ct);
        return ComponentPage.Render<ReportingReportPage>(context, new { Figures = figures, Units = units, Unit = unit, Period = preset, From = from, To = to, Errors = Text(errors) }, status);
    }

    private static async Task<IResult> ReportExportAsync(string? unit, string? period, string? from, string? to, HttpContext context, ReportingReport report, IAuditLog audit,
        IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var (figures, errors, status, _) = await ComputeAsync(unit, period, from, to, context.User, report, calendars, clock, ct);
        if (figures is null)
        {
            return Results.Problem(statusCode: status, title: status == StatusCodes.Status403Forbidden ? "This grid unit is outside your area." : "The report's request is not valid.",
                detail: string.Join(" ", errors.Values.Select(e => e.English)));
        }

        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        string T(BilingualText text) => english ? text.English : text.Chinese;
        Dictionary<string, object> Row(string name, ReportingRow r) => new(StringComparer.Ordinal)
        {
            [T(new("社区", "Community"))] = name,
            [T(new("居住在职党员", "In-service members living there"))] = r.Living,
            [T(new("已报到", "Reported"))] = r.Reported,
            [T(new("报到率", "Reporting rate"))] = RedGridFormat.Percent(r.Reported, r.Living),
            [T(new("派发任务", "Tasks given"))] = r.TasksGiven,
            [T(new("完成任务", "Tasks done"))] = r.TasksDone,
            [T(new("服务时长（小时）", "Hours of service"))] = r.Hours,
        };
        // As on the page: each street's communities, then the street's subtotal; the total last.
        var rows = new List<Dictionary<string, object>>();
        foreach (var street in figures.Streets)
        {
            rows.AddRange(street.Rows.Select(r => Row(r.Unit!.DisplayName(CultureInfo.CurrentUICulture), r)));
            var name = street.Street?.DisplayName(CultureInfo.CurrentUICulture) ?? T(new("其他", "Other"));
            rows.Add(Row(T(new($"{name} 小计", $"{name} subtotal")), street.Subtotal));
        }

        rows.Add(Row(T(new("合计", "Total")), figures.Total));
        return await WorkbookDownload.FileAsync($"member-reporting-{ReportPeriod.Iso(figures.From)}-{ReportPeriod.Iso(figures.To)}.xlsx", async file =>
        {
            // On record before the workbook is written: a failed audit leaves no file.
            await audit.RecordAsync(new AuditEvent(MemberService.AuditCategory, "reporting-export", figures.Root?.Code ?? "*",
                $"Member reporting {ReportPeriod.Iso(figures.From)}..{ReportPeriod.Iso(figures.To)}, {figures.Rows.Count} communities"), ct);
            await file.SaveAsAsync(rows, sheetName: T(new("在职党员报到", "Member reporting")), cancellationToken: ct);
        });
    }

    private static async Task<(ReportingFigures? Figures, IReadOnlyDictionary<string, BilingualText> Errors, int Status, string Preset)> ComputeAsync(
        string? unit, string? period, string? from, string? to, ClaimsPrincipal user, ReportingReport report, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var preset = ReportPeriod.Choose(period, from, to);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var (start, end) = ReportPeriod.Resolve(preset, from, to, calendar.LocalDate(clock.GetUtcNow()), errors);
        if (errors.Count == 0 && end < start)
        {
            errors["to"] = new("结束日期不能早于开始日期。", "The end date cannot be before the start date.");
        }

        if (errors.Count > 0)
        {
            return (null, errors, StatusCodes.Status400BadRequest, preset);
        }

        var figures = await report.ComputeAsync(unit, start, end, user, ct);
        if (figures is null)
        {
            errors["unit"] = new("这个单位不在您的管辖范围内。", "This grid unit is outside your area.");
            return (null, errors, StatusCodes.Status403Forbidden, preset);
        }

        return (figures, errors, StatusCodes.Status200OK, preset);
    }

    private static async Task<IReadOnlyList<PartyOrganisation>> OrganisationsAsync(TenantDbContext db, IReadOnlyList<GridUnitInfo> units, CancellationToken ct)
    {
        var codes = units.Select(u => u.Code).ToList();
        return await db.Set<PartyOrganisation>().AsNoTracking().Where(o => o.Active && codes.Contains(o.GridUnitCode)).OrderBy(o => o.Code).ToListAsync(ct);
    }

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}

/// <summary>The page base's percentage, for the export.</summary>
internal static class RedGridFormat
{
    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
