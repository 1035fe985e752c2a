using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Screening;

/// <summary>How a screening command went.</summary>
public enum ScreeningStatus
{
    Done,
    Replayed,
    NotFound,
    Forbidden,
    NotAllowed,
    Stale,
    Invalid,
}

/// <summary>The outcome of a screening command: the campaign or report after it, or why it was refused (field → message, "" for the whole form).</summary>
public sealed record ScreeningResult(
    ScreeningStatus Status,
    ScreeningCampaign? Campaign = null,
    ScreeningReport? Report = null,
    IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status is ScreeningStatus.Done or ScreeningStatus.Replayed;

    public static ScreeningResult Invalid(IReadOnlyDictionary<string, BilingualText> errors) => new(ScreeningStatus.Invalid, Errors: errors);

    public static ScreeningResult Refused(ScreeningStatus status, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [""] = message });
}

/// <summary>A unit's report as a page shows it: the report, its campaign and the unit's name.</summary>
public sealed record ScreeningReportView(ScreeningReport Report, ScreeningCampaign Campaign, string UnitName)
{
    /// <summary>Reported after the campaign's due time.</summary>
    public bool Late => Report.ReportedUtc is { } reported && reported > Campaign.DueUtc;

    /// <summary>Findings can still be added: not reported yet, or reported and the campaign not yet checked.</summary>
    public bool Open => Report.ReportedUtc is null || Campaign.CheckedUtc is null;
}

/// <summary>A campaign with its compliance in the reader's scope.</summary>
public sealed record CampaignSummary(ScreeningCampaign Campaign, int Units, int WithFindings, int FoundNothing, int Pending, int Flagged, int Late, int Findings);

/// <summary>
/// Screening sweeps (矛盾纠纷排查): a superior opens a campaign over a unit's subtree (or the whole tenant) and every
/// unit at the reporting depth in it gets a pending report; each unit reports what it found — each finding registered
/// in the dispute ledger with <see cref="DisputeSource.Screening"/> — or that it found nothing (零报告). The job
/// (<c>Jobs/ScreeningTask</c>) opens the regular and pre-holiday campaigns and flags the units that did not report.
/// </summary>
public sealed class ScreeningService(
    TenantDbContext db,
    IGridDirectory grid,
    IGridScopeFilter filter,
    IAuthorizationService authorization,
    MediationSettingsStore settingsStore,
    DisputeLedger ledger,
    IAuditLog audit,
    ITenant tenant,
    TimeProvider clock)
{
    /// <summary>The longest a campaign may run, start to due time.</summary>
    public const int MaxDays = 31;

    /// <summary>The most findings one post may register.</summary>
    public const int MaxFindings = 50;

    /// <summary>The tenant's time zone.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);

    /// <summary>The UTC instant of a local date's midnight in the tenant's zone.</summary>
    public DateTime StartOfDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>Whether <paramref name="user"/> may open campaigns over <paramref name="scopeUnitCode"/> (null: the whole tenant, tenant-wide users only).</summary>
    public async Task<bool> CanOpenAsync(ClaimsPrincipal user, string? scopeUnitCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(scopeUnitCode))
        {
            return await authorization.HasPermissionAsync(user, MediationPermissions.Supervise)
                && await filter.GetScopeCodesAsync(user, cancellationToken) is null;
        }

        return await authorization.HasPermissionAsync(user, MediationPermissions.Supervise, new UnitResource(scopeUnitCode));
    }

    /// <summary>Whether <paramref name="user"/> may report for <paramref name="unitCode"/>.</summary>
    public Task<bool> CanReportAsync(ClaimsPrincipal user, string unitCode) =>
        authorization.HasPermissionAsync(user, MediationPermissions.Register, new UnitResource(unitCode));

    /// <summary>
    /// Opens a campaign and a pending report for every territorial unit at the reporting depth in the scope. With
    /// <paramref name="onlyIfMissing"/> (the job), a campaign of the same kind, start date and scope already there is returned as replayed.
    /// </summary>
    public async Task<ScreeningResult> OpenCampaignAsync(
        CampaignKind kind, string title, string? scopeUnitCode, DateOnly startsOn, DateTime dueUtc, DisputeActor actor,
        bool onlyIfMissing = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (!Enum.IsDefined(kind))
        {
            errors["kind"] = new("请选择排查类型。", "Choose the kind of screening.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length is < 2 or > 100)
        {
            errors["title"] = new("请填写 2 到 100 字的排查名称。", "Enter a title of 2 to 100 characters.");
        }

        var start = StartOfDayUtc(startsOn);
        if (dueUtc <= start)
        {
            errors["dueUtc"] = new("截止时间须晚于开始日期。", "The due time must be after the start date.");
        }
        else if (dueUtc - start > TimeSpan.FromDays(MaxDays))
        {
            errors["dueUtc"] = new($"一次排查不能超过 {MaxDays} 天。", $"A campaign may run at most {MaxDays} days.");
        }

        var scopeCode = string.IsNullOrWhiteSpace(scopeUnitCode) ? null : scopeUnitCode.Trim();
        GridUnitInfo? scope = null;
        if (scopeCode is not null && (scope = await grid.FindAsync(scopeCode, cancellationToken)) is null)
        {
            errors["scopeUnitCode"] = new("没有这个网格单位。", "There is no such grid unit.");
        }

        if (errors.Count > 0)
        {
            return ScreeningResult.Invalid(errors);
        }

        if (actor.User is { } user && !await CanOpenAsync(user, scope?.Code, cancellationToken))
        {
            return ScreeningResult.Refused(ScreeningStatus.Forbidden, scope is null
                ? new("只有全区的督导人员可以在全区开展排查。", "Only district-wide supervisors may open a campaign over the whole district.")
                : new("您不能在这个单位开展排查。", "You may not open campaigns over this unit."));
        }

        var depth = (await settingsStore.GetAsync(cancellationToken)).ReportingDepth;
        var units = await ReportingUnitsAsync(scope, depth, cancellationToken);
        if (units.Count == 0)
        {
            return ScreeningResult.Invalid(new Dictionary<string, BilingualText>
            {
                ["scopeUnitCode"] = new("这个范围内没有需要报告的单位。", "No unit in this scope reports on campaigns."),
            });
        }

        var code = scope?.Code;
        return await db.InTransactionAsync(async ct =>
        {
            if (onlyIfMissing && await db.Set<ScreeningCampaign>().AsNoTracking()
                    .FirstOrDefaultAsync(c => c.Kind == kind && c.StartsOn == startsOn && c.ScopeUnitCode == code, ct) is { } existing)
            {
                return new ScreeningResult(ScreeningStatus.Replayed, existing);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var campaign = new ScreeningCampaign
            {
                Kind = kind,
                Title = title.Trim(),
                ScopeUnitCode = code,
                ReportingDepth = depth,
                StartsOn = startsOn,
                DueUtc = dueUtc,
                CreatedBy = actor.Name,
                CreatedUtc = now,
            };
            db.Add(campaign);
            await db.SaveChangesAsync(ct);
            foreach (var unit in units)
            {
                db.Add(new ScreeningReport { CampaignId = campaign.Id, UnitCode = unit.Code, Version = 1 });
            }

            await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, "open-campaign", campaign.Id.ToString(CultureInfo.InvariantCulture),
                $"{kind} '{campaign.Title}' over {code ?? "the tenant"}: {units.Count} units, due {dueUtc:yyyy-MM-dd HH:mm}Z"), ct);
            await db.SaveChangesAsync(ct);
            return new ScreeningResult(ScreeningStatus.Done, campaign);
        }, cancellationToken);
    }

    /// <summary>
    /// A unit's report: that it found nothing, or its findings (each registered as a dispute found by screening, with
    /// a key per finding so that posting the same finding again registers nothing). A reported unit may add findings
    /// until the job checks the campaign; an unreported one may report late at any time (shown as late).
    /// </summary>
    public async Task<ScreeningResult> ReportAsync(
        long reportId, bool foundNothing, string? note, IReadOnlyList<DisputeRegistration> findings, DisputeActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(actor);
        var report = await db.Set<ScreeningReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return ScreeningResult.Refused(ScreeningStatus.NotFound, new("没有这份排查报告。", "There is no such screening report."));
        }

        if (actor.User is { } user && !await CanReportAsync(user, report.UnitCode))
        {
            return ScreeningResult.Refused(ScreeningStatus.Forbidden, new("您不能代这个单位报告排查情况。", "You may not report for this unit."));
        }

        var campaign = await db.Set<ScreeningCampaign>().AsNoTracking().FirstAsync(c => c.Id == report.CampaignId, cancellationToken);
        if (report.ReportedUtc is not null && campaign.CheckedUtc is not null)
        {
            return ScreeningResult.Refused(ScreeningStatus.NotAllowed, new("这次排查已经截止核查，不能再修改报告。", "This campaign has been checked; its reports can no longer be changed."));
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (foundNothing && findings.Count > 0)
        {
            errors["foundNothing"] = new("“未发现矛盾纠纷”和排查发现不能同时报告。", "Report either that nothing was found or what was found, not both.");
        }
        else if (!foundNothing && findings.Count == 0)
        {
            errors["foundNothing"] = new("请报告排查发现的矛盾纠纷，或勾选“未发现矛盾纠纷”。", "Report what was found, or that nothing was found.");
        }
        else if (foundNothing && report.Findings > 0)
        {
            errors["foundNothing"] = new("这份报告已经有排查发现，不能改为未发现。", "This report already has findings; it cannot say nothing was found.");
        }

        if (findings.Count > MaxFindings)
        {
            errors["findings"] = new($"一次最多报告 {MaxFindings} 条。", $"At most {MaxFindings} findings at a time.");
        }

        if (note is { Length: > 2000 })
        {
            errors["note"] = new("说明不能超过 2000 字。", "The note may have at most 2000 characters.");
        }

        for (var i = 0; i < findings.Count && i < MaxFindings; i++)
        {
            await ValidateFindingAsync(findings[i], $"findings[{i}].", report.UnitCode, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return ScreeningResult.Invalid(errors);
        }

        var registered = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i] with
            {
                Source = DisputeSource.Screening,
                ScreeningReportId = report.Id,
                IdempotencyKey = FindingKey(report.Id, findings[i]),
            };
            var result = await ledger.RegisterAsync(finding, actor, cancellationToken);
            db.ChangeTracker.Clear();
            if (!result.Succeeded)
            {
                // Validated above, so only a refusal or a change in between gets here; the findings before it stay
                // registered, and posting again registers only the rest.
                return new ScreeningResult(result.Status == DisputeResultStatus.Forbidden ? ScreeningStatus.Forbidden : ScreeningStatus.Invalid,
                    Report: report, Errors: result.Errors?.ToDictionary(e => e.Key.Length == 0 ? "" : $"findings[{i}].{e.Key}", e => e.Value, StringComparer.Ordinal));
            }

            registered += result.Status == DisputeResultStatus.Done ? 1 : 0;
        }

        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (registered == 0 && report.ReportedUtc is not null && report.FoundNothing == foundNothing && (trimmedNote is null || trimmedNote == report.Note))
        {
            return new ScreeningResult(ScreeningStatus.Replayed, campaign, report);
        }

        return await db.InTransactionAsync(async ct =>
        {
            var tracked = await db.Set<ScreeningReport>().FirstAsync(r => r.Id == reportId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var first = tracked.ReportedUtc is null;
            tracked.ReportedUtc ??= now;
            tracked.ReportedBy = actor.Name;
            tracked.FoundNothing = foundNothing;
            tracked.Findings = await db.Set<Dispute>().CountAsync(d => d.ScreeningReportId == reportId, ct);
            tracked.Note = trimmedNote ?? tracked.Note;
            tracked.Version++;
            await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, first ? "report-screening" : "amend-screening",
                reportId.ToString(CultureInfo.InvariantCulture),
                $"{tracked.UnitCode} on campaign {campaign.Id}: {(foundNothing ? "nothing found" : $"{tracked.Findings} findings ({registered} new)")}{(now > campaign.DueUtc ? ", late" : "")}"), ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ScreeningResult.Refused(ScreeningStatus.Stale, new("这份报告刚被他人更新，请刷新后再提交。", "Someone else changed this report at the same moment; reload it and try again."));
            }

            return new ScreeningResult(ScreeningStatus.Done, campaign, tracked);
        }, cancellationToken);
    }

    /// <summary>The campaigns, newest first, with their compliance counted over the reports in <paramref name="user"/>'s scope (campaigns without any left out).</summary>
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(ClaimsPrincipal user, int take = 100, CancellationToken cancellationToken = default)
    {
        var reports = await filter.ApplyAsync(db.Set<ScreeningReport>().AsNoTracking(), r => r.UnitCode, user, cancellationToken);
        var counts = await reports.GroupBy(r => r.CampaignId).Select(g => new
        {
            CampaignId = g.Key,
            Units = g.Count(),
            WithFindings = g.Count(r => r.ReportedUtc != null && r.Findings > 0),
            FoundNothing = g.Count(r => r.ReportedUtc != null && r.FoundNothing),
            Pending = g.Count(r => r.ReportedUtc == null && r.FlaggedUtc == null),
            Flagged = g.Count(r => r.ReportedUtc == null && r.FlaggedUtc != null),
            Findings = g.Sum(r => r.Findings),
        }).ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.CampaignId).ToList();
        var campaigns = await db.Set<ScreeningCampaign>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .OrderByDescending(c => c.DueUtc).ThenByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);

        // Late reports compare each report with its campaign's due time: a join, counted per campaign.
        var late = await (from r in reports
                          join c in db.Set<ScreeningCampaign>() on r.CampaignId equals c.Id
                          where r.ReportedUtc != null && r.ReportedUtc > c.DueUtc
                          group r by r.CampaignId into g
                          select new { CampaignId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.CampaignId, g => g.Count, cancellationToken);
        var byId = counts.ToDictionary(c => c.CampaignId);
        return [.. campaigns.Select(c =>
        {
            var n = byId[c.Id];
            return new CampaignSummary(c, n.Units, n.WithFindings, n.FoundNothing, n.Pending, n.Flagged, late.GetValueOrDefault(c.Id), n.Findings);
        })];
    }

    /// <summary>A campaign and the reports of it in <paramref name="user"/>'s scope (null when there is none to see).</summary>
    public async Task<(ScreeningCampaign Campaign, IReadOnlyList<ScreeningReportView> Reports)?> CampaignAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var campaign = await db.Set<ScreeningCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var reports = await (await filter.ApplyAsync(db.Set<ScreeningReport>().AsNoTracking().Where(r => r.CampaignId == id), r => r.UnitCode, user, cancellationToken))
            .OrderBy(r => r.UnitCode).ToListAsync(cancellationToken);
        if (reports.Count == 0)
        {
            return null;
        }

        var views = new List<ScreeningReportView>(reports.Count);
        foreach (var report in reports)
        {
            views.Add(new ScreeningReportView(report, campaign, await UnitNameAsync(report.UnitCode, cancellationToken)));
        }

        return (campaign, views);
    }

    /// <summary>A report <paramref name="user"/> may see (its unit in their scope), or null.</summary>
    public async Task<ScreeningReportView?> FindReportAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var query = await filter.ApplyAsync(db.Set<ScreeningReport>().AsNoTracking().Where(r => r.Id == id), r => r.UnitCode, user, cancellationToken);
        if (await query.FirstOrDefaultAsync(cancellationToken) is not { } report)
        {
            return null;
        }

        var campaign = await db.Set<ScreeningCampaign>().AsNoTracking().FirstAsync(c => c.Id == report.CampaignId, cancellationToken);
        return new ScreeningReportView(report, campaign, await UnitNameAsync(report.UnitCode, cancellationToken));
    }

    /// <summary>The disputes a report registered, oldest first.</summary>
    public async Task<IReadOnlyList<Dispute>> FindingsAsync(long reportId, CancellationToken cancellationToken = default) =>
        await db.Set<Dispute>().AsNoTracking().Where(d => d.ScreeningReportId == reportId).OrderBy(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>The units a report's findings may be located in: the unit and the units below it.</summary>
    public async Task<IReadOnlyList<GridUnitInfo>> FindingUnitsAsync(string unitCode, CancellationToken cancellationToken = default) =>
        await grid.GetSubtreeAsync(unitCode, cancellationToken);

    /// <summary>The units that report on a campaign over <paramref name="scope"/> (null: the tenant): territorial units at <paramref name="depth"/>, or the scope itself when it is that deep or deeper.</summary>
    internal async Task<IReadOnlyList<GridUnitInfo>> ReportingUnitsAsync(GridUnitInfo? scope, int depth, CancellationToken cancellationToken)
    {
        if (scope is not null && scope.Depth >= depth)
        {
            return [scope];
        }

        var roots = scope is null ? await grid.GetChildrenAsync(null, cancellationToken) : [scope];
        var units = new List<GridUnitInfo>();
        foreach (var root in roots)
        {
            units.AddRange((await grid.GetSubtreeAsync(root.Code, cancellationToken)).Where(u => u.Depth == depth && u.Kind == GridUnitKind.Territorial));
        }

        return units;
    }

    private async Task ValidateFindingAsync(DisputeRegistration finding, string prefix, string unitCode, Dictionary<string, BilingualText> errors, CancellationToken cancellationToken)
    {
        var own = DisputeLedger.ValidateDetails(finding.Title, finding.Description);
        DisputeLedger.ValidateParties(finding.Parties, own, required: true);
        if (!Enum.IsDefined(finding.Type))
        {
            own["type"] = new("请选择纠纷类型。", "Choose the type of dispute.");
        }

        if (!Enum.IsDefined(finding.Risk))
        {
            own["risk"] = new("请选择风险等级。", "Choose the risk level.");
        }

        if (string.IsNullOrWhiteSpace(finding.GridUnitCode) || !await grid.IsWithinAsync(unitCode, finding.GridUnitCode.Trim(), cancellationToken)
            || await grid.FindAsync(finding.GridUnitCode.Trim(), cancellationToken) is null)
        {
            own["gridUnitCode"] = new("请选择本单位或其下的网格。", "Choose this unit or a grid unit below it.");
        }

        foreach (var (field, message) in own)
        {
            errors[prefix + field] = message;
        }
    }

    /// <summary>The idempotency key of a finding: the caller's own key, or a digest of what it says, under the report.</summary>
    internal static string FindingKey(long reportId, DisputeRegistration finding)
    {
        if (finding.IdempotencyKey is { Length: > 0 and <= 60 } own)
        {
            return $"screening:{reportId}:{own}";
        }

        var text = new StringBuilder()
            .Append((int)finding.Type).Append('\n').Append(finding.Title.Trim()).Append('\n').Append(finding.Description.Trim()).Append('\n')
            .Append(finding.GridUnitCode.Trim()).Append('\n').Append(finding.IdempotencyKey);
        foreach (var party in finding.Parties)
        {
            text.Append('\n').Append((int)party.Role).Append('|').Append(party.Name.Trim()).Append('|').Append(party.Phone?.Trim());
        }

        return $"screening:{reportId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32]}";
    }

    private async Task<string> UnitNameAsync(string code, CancellationToken cancellationToken) =>
        (await grid.FindAsync(code, cancellationToken))?.DisplayName(CultureInfo.CurrentUICulture) ?? code;

    private sealed record UnitResource(string? GridUnitCode) : IGridScopedResource;
}
