using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid.Components.Admin;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Grid.Endpoints;

/// <summary>The rules report and the rules' settings: <c>admin/grid/rules</c>.</summary>
internal static class GridRulesEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGetShared("/rules", ReportAsync);
        group.MapPostShared("/rules", SaveAsync);
    }

    private static async Task<IResult> ReportAsync(string? kind, bool? saved, HttpContext context, GridDirectory directory, GridRuleRunner rules, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        var findings = await rules.ReportAsync(access.Tree, ct);
        if (access.Scope is { } scope)
        {
            findings = [.. findings.Where(f => access.Tree.Find(f.UnitCode) is { } unit && scope.Any(s => GridTree.IsWithin(s, unit)))];
        }

        var shown = Enum.TryParse<GridFindingKind>(kind, true, out var only) ? [.. findings.Where(f => f.Kind == only)] : findings;
        var settings = await rules.SettingsAsync(ct);
        return ComponentPage.Render<GridRulesPage>(context, new
        {
            Findings = shown,
            Counts = findings.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count()),
            Kind = kind,
            Form = new RulesForm { ToleranceMeters = settings.ToleranceMeters, RequireFullCoverage = settings.RequireFullCoverage },
            CanManage = await access.CanManageAllAsync(),
            Map = shown.Count is > 0 and <= 200 ? GridMaps.Findings(context, access.Tree, shown) : null,
            Saved = saved == true,
            Errors = new Dictionary<string, string>(),
        });
    }

    private static async Task<IResult> SaveAsync([FromForm] RulesForm form, HttpContext context, GridDirectory directory, IDocumentStore documents, TenantDbContext db, IAuditLog audit, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (!await access.CanManageAllAsync())
        {
            return Results.Forbid();
        }

        if (!double.IsFinite(form.ToleranceMeters) || form.ToleranceMeters is < 0 or > 100)
        {
            return ComponentPage.Render<GridRulesPage>(context, new
            {
                Findings = Array.Empty<GridFinding>(),
                Counts = new Dictionary<GridFindingKind, int>(),
                Kind = (string?)null,
                Form = form,
                CanManage = true,
                Map = (string?)null,
                Saved = false,
                Errors = new Dictionary<string, string> { [nameof(form.ToleranceMeters)] = GridAdminEndpoints.Text(new("容差应在 0 到 100 米之间。", "The tolerance must be between 0 and 100 metres.")) },
            }, StatusCodes.Status400BadRequest);
        }

        var before = await documents.GetAsync<GridRuleSettings>(GridRuleSettings.DocumentId, ct) ?? new GridRuleSettings();
        var after = new GridRuleSettings { ToleranceMeters = form.ToleranceMeters, RequireFullCoverage = form.RequireFullCoverage };
        await documents.SaveAsync(GridRuleSettings.DocumentId, after, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent("grid", "update-rules", null, "Grid rules edited",
            System.Text.Json.JsonSerializer.SerializeToNode(before), System.Text.Json.JsonSerializer.SerializeToNode(after)), ct);
        return Results.Redirect(context.TenantPath("admin/grid/rules?saved=true"));
    }
}
