using GovPlatform.Data;
using GovPlatform.Grid.Components.Admin;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Security;
using GovPlatform.Grid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Grid.Endpoints;

/// <summary>The grid's admin pages under <c>admin/grid</c>.</summary>
internal static class GridAdminEndpoints
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/grid").RequirePermission(GridPermissions.View);
        group.MapGetShared("/", HomeAsync);
        group.MapGetShared("/units/new", NewUnitAsync);
        group.MapPostShared("/units/new", CreateUnitAsync);
        group.MapGetShared("/units/{code}", UnitAsync);
        group.MapGetShared("/units/{code}/edit", EditUnitAsync);
        group.MapPostShared("/units/{code}/edit", UpdateUnitAsync);
        group.MapGetShared("/units/{code}/move", MovePageAsync);
        group.MapPostShared("/units/{code}/move", MoveAsync);
        group.MapPostShared("/units/{code}/delete", DeleteAsync);
        GridLevelsEndpoints.Map(group);
        GridRulesEndpoints.Map(group);
        GridImportEndpoints.Map(group);
        GridWorkerEndpoints.Map(group);
    }

    internal static async Task<GridAccess> AccessAsync(HttpContext context, GridDirectory directory, CancellationToken ct) =>
        new(context.User, context.RequestServices.GetRequiredService<IAuthorizationService>(), await directory.TreeAsync(ct));

    private static async Task<IResult> HomeAsync(string? q, int? page, HttpContext context, GridDirectory directory, GridQueries queries, CancellationToken ct)
    {
        var access = await AccessAsync(context, directory, ct);
        var search = string.IsNullOrWhiteSpace(q) ? null : await queries.SearchUnitsAsync(q, access.Scope, page ?? 1, ct);
        return ComponentPage.Render<GridHomePage>(context, new
        {
            access.Tree,
            access.Roots,
            Query = q,
            Search = search,
            CanManage = await access.CanManageAllAsync(),
            Map = GridMaps.Overview(context, access.Roots),
        });
    }

    private static async Task<IResult> UnitAsync(string code, bool? saved, HttpContext context, GridDirectory directory, GridQueries queries, GridRuleRunner rules, CancellationToken ct)
    {
        var access = await AccessAsync(context, directory, ct);
        if (access.Tree.Find(code) is not { } unit)
        {
            return Results.NotFound();
        }

        if (unit.Code != code)
        {
            // A former code: the unit lives on under its new one.
            return Results.Redirect(context.TenantPath($"admin/grid/units/{Uri.EscapeDataString(unit.Code)}"));
        }

        if (!await access.CanViewAsync(unit))
        {
            return Results.Forbid();
        }

        return await RenderUnitAsync(context, access, unit, directory, queries, rules, saved == true ? Text(new("已保存。", "Saved.")) : null, [], StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> NewUnitAsync(string? parent, HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var access = await AccessAsync(context, directory, ct);
        var parentNode = access.Tree.Find(parent);
        if (!await CanCreateUnderAsync(access, parentNode))
        {
            return Results.Forbid();
        }

        var form = new GridUnitEdit
        {
            ParentCode = parentNode?.Code,
            Code = parentNode is null ? "" : parentNode.Code + "-",
            Level = Math.Min((parentNode?.Depth ?? 0) + 1, Math.Max(1, access.Tree.Levels.Count)),
        };
        return EditPage(context, access.Tree, form, null, new Dictionary<string, string>(), []);
    }

    private static async Task<IResult> CreateUnitAsync([FromForm] GridUnitEdit form, HttpContext context, GridDirectory directory, GridUnitEditor editor, CancellationToken ct)
    {
        var access = await AccessAsync(context, directory, ct);
        if (!await CanCreateUnderAsync(access, access.Tree.Find(form.ParentCode)))
        {
            return Results.Forbid();
        }

        var result = await editor.CreateAsync(form, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"admin/grid/units/{Uri.EscapeDataString(form.Code!.Trim())}?saved=true"))
            : EditPage(context, access.Tree, form, null, result.Errors, result.Findings, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EditUnitAsync(string code, HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var (access, unit, refusal) = await ManagedUnitAsync(code, context, directory, ct);
        if (unit is null)
        {
            return refusal!;
        }

        var form = new GridUnitEdit
        {
            Code = unit.Code,
            Name = unit.Unit.Name,
            EnglishName = unit.Unit.EnglishName,
            Level = unit.Depth,
            ParentCode = unit.Parent?.Code,
            Kind = unit.Unit.Kind,
            Department = unit.Unit.Department,
            Households = unit.Unit.Households,
            Residents = unit.Unit.Residents,
            Buildings = unit.Unit.Buildings,
            Notes = unit.Unit.Notes,
            Boundary = unit.Unit.Boundary,
            Version = unit.Unit.Version,
        };
        return EditPage(context, access.Tree, form, unit, new Dictionary<string, string>(), []);
    }

    private static async Task<IResult> UpdateUnitAsync(string code, [FromForm] GridUnitEdit form, HttpContext context, GridDirectory directory, GridUnitEditor editor, CancellationToken ct)
    {
        var (access, unit, refusal) = await ManagedUnitAsync(code, context, directory, ct);
        if (unit is null)
        {
            return refusal!;
        }

        var result = await editor.UpdateAsync(code, form, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"admin/grid/units/{Uri.EscapeDataString(code)}?saved=true"))
            : EditPage(context, access.Tree, form, unit, result.Errors, result.Findings, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> MovePageAsync(string code, HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var (_, unit, refusal) = await ManagedUnitAsync(code, context, directory, ct);
        return unit is null
            ? refusal!
            : ComponentPage.Render<GridMovePage>(context, new { Unit = unit, Form = new MoveForm { ParentCode = unit.Parent?.Code }, Errors = new Dictionary<string, string>() });
    }

    private static async Task<IResult> MoveAsync(string code, [FromForm] MoveForm form, HttpContext context, GridDirectory directory, GridUnitEditor editor, CancellationToken ct)
    {
        var (access, unit, refusal) = await ManagedUnitAsync(code, context, directory, ct);
        if (unit is null)
        {
            return refusal!;
        }

        // Both ends of a move must be the user's to manage.
        var target = access.Tree.Find(form.ParentCode);
        if (target is null ? !await access.CanManageAllAsync() : !await access.CanAsync(GridPermissions.Manage, target))
        {
            return Results.Forbid();
        }

        var result = await editor.MoveAsync(code, form.ParentCode, form.NewCode, form.Reason, ct);
        if (!result.Succeeded)
        {
            return ComponentPage.Render<GridMovePage>(context, new { Unit = unit, Form = form, result.Errors }, StatusCodes.Status400BadRequest);
        }

        var moved = (await directory.TreeAsync(ct)).Find(code)!;
        return Results.Redirect(context.TenantPath($"admin/grid/units/{Uri.EscapeDataString(moved.Code)}?saved=true"));
    }

    private static async Task<IResult> DeleteAsync(string code, [FromForm] ConfirmForm form, HttpContext context, GridDirectory directory, GridUnitEditor editor, GridQueries queries, GridRuleRunner rules, CancellationToken ct)
    {
        var (access, unit, refusal) = await ManagedUnitAsync(code, context, directory, ct);
        if (unit is null)
        {
            return refusal!;
        }

        var result = await editor.DeleteAsync(code, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath(unit.Parent is { } parent ? $"admin/grid/units/{Uri.EscapeDataString(parent.Code)}" : "admin/grid"));
        }

        return await RenderUnitAsync(context, access, unit, directory, queries, rules, null, [.. result.Errors.Values], StatusCodes.Status409Conflict, ct);
    }

    /// <summary>A unit's page: its subtree's figures (with other modules' counts), posts, findings around it and map.</summary>
    private static async Task<IResult> RenderUnitAsync(
        HttpContext context, GridAccess access, GridNode unit, GridDirectory directory, GridQueries queries, GridRuleRunner rules,
        string? notice, IReadOnlyList<string> errors, int status, CancellationToken ct)
    {
        var findings = await rules.CheckChangeAsync(access.Tree, [RuleUnits.Of(unit)], ct);
        return ComponentPage.Render<GridUnitPage>(context, new
        {
            access.Tree,
            Unit = unit,
            RollUp = (await directory.RollUpAsync(unit.Depth, ct)).First(r => r.Unit.Code == unit.Code),
            ChildRollUps = unit.Children.Count == 0 ? new Dictionary<string, GridRollUp>() :
                (await directory.RollUpAsync(unit.Depth + 1, ct)).Where(r => r.Unit.ParentCode == unit.Code).ToDictionary(r => r.Unit.Code),
            Posts = await queries.PostsOfUnitAsync(unit, ct),
            Today = queries.Today,
            Findings = findings,
            CanManage = await access.CanAsync(GridPermissions.Manage, unit),
            CanManageWorkers = await access.CanAsync(GridPermissions.ManageWorkers, unit),
            Ancestors = GridTree.Ancestors(unit).Where(a => access.Scope is null || access.Scope.Any(s => GridTree.IsWithin(s, a))).ToList(),
            Map = GridMaps.Unit(context, unit, findings),
            Notice = notice,
            Errors = errors,
        }, status);
    }

    /// <summary>The unit with this current code if the user may manage it; otherwise the answer: 404 without such a unit, 403 outside the user's units.</summary>
    private static async Task<(GridAccess Access, GridNode? Unit, IResult? Refusal)> ManagedUnitAsync(string code, HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var access = await AccessAsync(context, directory, ct);
        if (access.Tree.FindCurrent(code) is not { } unit)
        {
            return (access, null, Results.NotFound());
        }

        return await access.CanAsync(GridPermissions.Manage, unit) ? (access, unit, null) : (access, null, Results.Forbid());
    }

    private static async Task<bool> CanCreateUnderAsync(GridAccess access, GridNode? parent) =>
        parent is null ? await access.CanManageAllAsync() : await access.CanAsync(GridPermissions.Manage, parent);

    private static RazorComponentResult<GridUnitEditPage> EditPage(HttpContext context, GridTree tree, GridUnitEdit form, GridNode? unit, IReadOnlyDictionary<string, string> errors, IReadOnlyList<GridFinding> findings, int status = StatusCodes.Status200OK) =>
        ComponentPage.Render<GridUnitEditPage>(context, new
        {
            Tree = tree,
            Form = form,
            Unit = unit,
            Errors = errors,
            Findings = findings,
            Map = findings.Count > 0 && unit is not null ? GridMaps.Unit(context, unit, findings) : null,
        }, status);

    /// <summary>The text in the request's culture (set by the shell's localisation middleware).</summary>
    internal static string Text(BilingualText text) => text.ToString();
}
