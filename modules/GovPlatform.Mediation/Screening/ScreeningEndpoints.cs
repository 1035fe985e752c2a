using System.Globalization;
using System.Security.Claims;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Mediation.Screening;

/// <summary>
/// The screening pages under <c>admin/mediation/screening</c>: the campaigns with their compliance and the form to open
/// one, a campaign's reports by unit, and a unit's report form (found nothing, or its findings).
/// </summary>
internal static class ScreeningEndpoints
{
    public const string Path = "admin/mediation/screening";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path);
        group.MapGetShared("/", ListAsync).RequirePermission(MediationPermissions.View);

        // Viewing is the gate; the service checks Supervise over the scope chosen.
        group.MapPostShared("/", OpenAsync).RequirePermission(MediationPermissions.View);
        group.MapGetShared("/{id:long}", CampaignAsync).RequirePermission(MediationPermissions.View);
        group.MapGetShared("/reports/{id:long}", ReportPageAsync).RequirePermission(MediationPermissions.View);
        group.MapPostShared("/reports/{id:long}", ReportAsync).RequirePermission(MediationPermissions.Register);
    }

    private static RazorComponentResult<TPage> Page<TPage>(HttpContext context, object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        ComponentPage.Render<TPage>(context, new { Model = model, TimeZoneId = context.RequestServices.GetRequiredService<ITenant>().TimeZone }, status);

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText>? errors) =>
        errors?.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal) ?? [];

    private static async Task<IResult> ListAsync(
        string? done, HttpContext context, ScreeningService screening, IGridDirectory grid, MediationSettingsStore settings, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, screening.Zone));
        var form = new CampaignForm
        {
            StartsOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DueOn = today.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var notice = done == "opened" ? new BilingualText("排查已开展，各单位的待报告已生成。", "The campaign is open; each unit has a pending report.").For(CultureInfo.CurrentUICulture) : null;
        return await RenderListAsync(context, screening, grid, settings, form, new Dictionary<string, string>(), notice, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> OpenAsync(IFormCollection posted, HttpContext context, ScreeningService screening, IGridDirectory grid, MediationSettingsStore settings, CancellationToken ct)
    {
        var form = new CampaignForm
        {
            Kind = posted["Kind"].ToString(),
            Title = posted["Title"].ToString(),
            ScopeUnitCode = posted["ScopeUnitCode"].ToString(),
            StartsOn = posted["StartsOn"].ToString(),
            DueOn = posted["DueOn"].ToString(),
        };
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (!Enum.TryParse<CampaignKind>(form.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            errors["kind"] = new("请选择排查类型。", "Choose the kind of screening.");
        }

        var startsOn = Date(form.StartsOn, "startsOn", errors);
        var dueOn = Date(form.DueOn, "dueUtc", errors);
        if (errors.Count == 0)
        {
            // Due at the end of the due day, in the tenant's zone.
            var result = await screening.OpenCampaignAsync(kind, form.Title, form.ScopeUnitCode, startsOn!.Value, screening.StartOfDayUtc(dueOn!.Value.AddDays(1)),
                DisputeActor.Staff(context.User), cancellationToken: ct);
            if (result.Succeeded)
            {
                return Results.Redirect(context.TenantPath($"{Path}/{result.Campaign!.Id}?done=opened"));
            }

            foreach (var (field, message) in result.Errors ?? new Dictionary<string, BilingualText>())
            {
                errors[field] = message;
            }

            if (result.Status == ScreeningStatus.Forbidden)
            {
                return await RenderListAsync(context, screening, grid, settings, form, Text(errors), null, StatusCodes.Status403Forbidden, ct);
            }
        }

        return await RenderListAsync(context, screening, grid, settings, form, Text(errors), null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> RenderListAsync(
        HttpContext context, ScreeningService screening, IGridDirectory grid, MediationSettingsStore settings, CampaignForm form,
        IReadOnlyDictionary<string, string> errors, string? notice, int status, CancellationToken ct)
    {
        var campaigns = await screening.ListAsync(context.User, cancellationToken: ct);
        var scopes = await ScopesAsync(context.User, screening, grid, (await settings.GetAsync(ct)).ReportingDepth, ct);
        return Page<ScreeningListPage>(context, new ScreeningListModel(campaigns, scopes.Count > 0, scopes, form, errors, notice), status);
    }

    /// <summary>The scopes the user may open campaigns over: the whole tenant for tenant-wide supervisors, and the units down to the reporting depth that they supervise.</summary>
    private static async Task<List<ScopeOption>> ScopesAsync(ClaimsPrincipal user, ScreeningService screening, IGridDirectory grid, int depth, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var options = new List<ScopeOption>();
        if (await screening.CanOpenAsync(user, null, ct))
        {
            options.Add(new ScopeOption("", new BilingualText("全区", "The whole district").For(culture)));
        }

        foreach (var top in await grid.GetChildrenAsync(null, ct))
        {
            foreach (var unit in await grid.GetSubtreeAsync(top.Code, ct))
            {
                if (unit.Depth <= depth && unit.Kind == GridUnitKind.Territorial && await screening.CanOpenAsync(user, unit.Code, ct))
                {
                    options.Add(new ScopeOption(unit.Code, $"{new string('　', unit.Depth - 1)}{unit.DisplayName(culture)}（{unit.Code}）"));
                }
            }
        }

        return options;
    }

    private static async Task<IResult> CampaignAsync(long id, string? done, HttpContext context, ScreeningService screening, CancellationToken ct)
    {
        if (await screening.CampaignAsync(id, context.User, ct) is not { } found)
        {
            return Results.NotFound();
        }

        var notice = done == "opened" ? new BilingualText("排查已开展，各单位的待报告已生成。", "The campaign is open; each unit has a pending report.").For(CultureInfo.CurrentUICulture) : null;
        return Page<ScreeningCampaignPage>(context, new ScreeningCampaignModel(found.Campaign, found.Reports, notice));
    }

    private static async Task<IResult> ReportPageAsync(long id, string? done, HttpContext context, ScreeningService screening, CancellationToken ct)
    {
        if (await screening.FindReportAsync(id, context.User, ct) is not { } view)
        {
            return Results.NotFound();
        }

        var notice = done == "reported" ? new BilingualText("报告已提交。", "The report is in.").For(CultureInfo.CurrentUICulture) : null;
        return await RenderReportAsync(context, screening, view, new ReportForm(), new Dictionary<string, string>(), notice, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> ReportAsync(long id, IFormCollection posted, HttpContext context, ScreeningService screening, CancellationToken ct)
    {
        if (await screening.FindReportAsync(id, context.User, ct) is not { } view)
        {
            return Results.NotFound();
        }

        var form = ReadReport(posted);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var findings = new List<DisputeRegistration>();
        var rows = new List<int>();
        for (var i = 0; i < form.Findings.Count; i++)
        {
            var row = form.Findings[i];
            if (row.Blank)
            {
                continue;
            }

            if (!Enum.TryParse<DisputeType>(row.Type, out var type))
            {
                errors[$"findings[{i}].type"] = new("请选择纠纷类型。", "Choose the type of dispute.");
            }

            var risk = Enum.TryParse<RiskLevel>(row.Risk, out var parsed) ? parsed : (RiskLevel)(-1);
            var parties = new List<PartyInput>();
            foreach (var party in row.Parties.Where(p => !string.IsNullOrWhiteSpace(p.Name) || !string.IsNullOrWhiteSpace(p.Phone)))
            {
                var role = Enum.TryParse<PartyRole>(party.Role, out var parsedRole) ? parsedRole : (PartyRole)(-1);
                parties.Add(new PartyInput(role, party.Name, string.IsNullOrWhiteSpace(party.Phone) ? null : party.Phone));
            }

            rows.Add(i);
            findings.Add(new DisputeRegistration
            {
                Type = type,
                Risk = risk,
                Title = row.Title,
                Description = row.Description,
                GridUnitCode = row.GridUnitCode,
                Parties = parties,
            });
        }

        var result = errors.Count > 0 ? ScreeningResult.Invalid(errors)
            : await screening.ReportAsync(id, form.FoundNothing, form.Note, findings, DisputeActor.Staff(context.User), ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/reports/{id}?done=reported"));
        }

        // The service numbers the findings it was given; the form numbers its rows (blank ones left out).
        var shown = (result.Errors ?? new Dictionary<string, BilingualText>()).ToDictionary(
            e => Renumber(e.Key, rows), e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
        var status = result.Status switch
        {
            ScreeningStatus.Forbidden => StatusCodes.Status403Forbidden,
            ScreeningStatus.NotAllowed or ScreeningStatus.Stale => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return await RenderReportAsync(context, screening, view, form, shown, null, status, ct);
    }

    private static string Renumber(string key, List<int> rows)
    {
        const string Prefix = "findings[";
        var end = key.IndexOf(']', StringComparison.Ordinal);
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || end < 0
            || !int.TryParse(key.AsSpan(Prefix.Length, end - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= rows.Count)
        {
            return key;
        }

        return $"{Prefix}{rows[index]}{key[end..]}";
    }

    private static async Task<IResult> RenderReportAsync(
        HttpContext context, ScreeningService screening, ScreeningReportView view, ReportForm form, IReadOnlyDictionary<string, string> errors, string? notice, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var units = (await screening.FindingUnitsAsync(view.Report.UnitCode, ct)).Select(u => new ScopeOption(u.Code, $"{u.DisplayName(culture)}（{u.Code}）")).ToList();
        var canReport = view.Open && await screening.CanReportAsync(context.User, view.Report.UnitCode);
        return Page<ScreeningReportPage>(context, new ScreeningReportModel(view, await screening.FindingsAsync(view.Report.Id, ct), units, canReport, form, errors, notice), status);
    }

    private static ReportForm ReadReport(IFormCollection posted)
    {
        var form = new ReportForm
        {
            FoundNothing = posted["FoundNothing"].Any(v => v is "true" or "on"),
            Note = posted["Note"].ToString(),
        };
        for (var i = 0; i < form.Findings.Count; i++)
        {
            var row = form.Findings[i];
            var prefix = $"findings[{i}].";
            row.Type = posted[prefix + "type"].ToString();
            row.Title = posted[prefix + "title"].ToString();
            row.Description = posted[prefix + "description"].ToString();
            row.GridUnitCode = posted[prefix + "gridUnitCode"].ToString();
            row.Risk = posted[prefix + "risk"].ToString();
            for (var p = 0; p < row.Parties.Count; p++)
            {
                var party = row.Parties[p];
                var partyPrefix = $"{prefix}parties[{p}].";
                party.Role = posted[partyPrefix + "role"].ToString() is { Length: > 0 } role ? role : party.Role;
                party.Name = posted[partyPrefix + "name"].ToString();
                party.Phone = posted[partyPrefix + "phone"].ToString();
            }
        }

        return form;
    }

    private static DateOnly? Date(string text, string field, Dictionary<string, BilingualText> errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = new("请填写日期（例如 2026-11-30）。", "Enter a date (e.g. 2026-11-30).");
        return null;
    }
}
