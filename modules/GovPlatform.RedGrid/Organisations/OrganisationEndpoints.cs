using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Security;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Organisations;

/// <summary>
/// The party organisations' pages (<c>admin/redgrid/organisations</c>: list with kind and unit filters in the reader's
/// scope (View), editor (Organise over the organisation's unit and over the unit it is put on)) and the courtyards'
/// (<c>admin/redgrid/courtyards?grid=</c>: list, add and edit per grid).
/// </summary>
internal static class OrganisationEndpoints
{
    private const string ListPath = "admin/redgrid/organisations";
    private const int PageSize = 50;
    private static readonly Dictionary<string, string> NoErrors = [];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View);
        view.MapGetShared("/organisations", ListAsync);
        view.MapGetShared("/courtyards", CourtyardsAsync);
        var organise = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Organise);
        organise.MapGetShared("/organisations/new", NewAsync);
        organise.MapPostShared("/organisations/new", CreateAsync);
        organise.MapGetShared("/organisations/{id:long}", EditAsync);
        organise.MapPostShared("/organisations/{id:long}", SaveAsync);
        organise.MapPostShared("/courtyards", AddCourtyardAsync);
        organise.MapGetShared("/courtyards/{id:long}", EditCourtyardAsync);
        organise.MapPostShared("/courtyards/{id:long}", SaveCourtyardAsync);
    }

    private static async Task<IResult> ListAsync(
        string? kind, string? unit, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<PartyOrganisation>().AsNoTracking(), o => o.GridUnitCode, context.User, ct);
        OrganisationKind? kindFilter = EditChecks.EnumName<OrganisationKind>(kind, out var k) ? k : null;
        if (kindFilter is { } kf)
        {
            query = query.Where(o => o.Kind == kf);
        }

        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            var below = await grid.GetSubtreeCodesAsync(unitFilter, ct);
            query = query.Where(o => below.Contains(o.GridUnitCode));
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var organisations = await query.OrderBy(o => o.GridUnitCode).ThenBy(o => o.Kind).ThenBy(o => o.Code).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return ComponentPage.Render<OrganisationsPage>(context, new
        {
            Organisations = organisations,
            Units = units,
            Kind = kindFilter,
            Unit = unitFilter,
            Page = number,
            Total = total,
            Done = done,
            CanOrganise = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static Task<IResult> NewAsync(string? kind, string? unit, long? courtyard, string? parent, HttpContext context, TenantDbContext db, IGridDirectory grid, CancellationToken ct) =>
        PageAsync(context, db, grid, null, new OrganisationForm
        {
            Kind = EditChecks.EnumName<OrganisationKind>(kind, out var k) ? k.ToString() : nameof(OrganisationKind.GridBranch),
            GridUnit = unit,
            Courtyard = courtyard?.ToString(CultureInfo.InvariantCulture),
            ParentCode = parent,
            Active = true,
        }, NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] OrganisationForm form, HttpContext context, TenantDbContext db, OrganisationEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        if (form.Refresh)
        {
            return await RefreshAsync(context, db, grid, null, form, ct);
        }

        var errors = await ScopeErrorsAsync(context, grid, authorization, form.GridUnit, ct);
        if (errors.Count == 0)
        {
            var result = await editor.CreateAsync(form.ToInput(), context.User, ct);
            if (result.Outcome == EditOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"{ListPath}?done=created"));
            }

            errors = Text(result.Errors);
        }

        return await PageAsync(context, db, grid, null, form, errors, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> EditAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var organisation = await db.Set<PartyOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, organisation))
        {
            return Results.Forbid();
        }

        var parentCode = organisation.ParentId is { } parentId ? await db.Set<PartyOrganisation>().Where(o => o.Id == parentId).Select(o => o.Code).FirstOrDefaultAsync(ct) : null;
        return await PageAsync(context, db, grid, organisation, OrganisationForm.From(OrganisationInput.From(organisation, parentCode), organisation.Version), NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(long id, [FromForm] OrganisationForm form, HttpContext context, TenantDbContext db, OrganisationEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var current = await db.Set<PartyOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (current is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, current))
        {
            return Results.Forbid();
        }

        if (form.Refresh)
        {
            return await RefreshAsync(context, db, grid, current, form, ct);
        }

        var errors = await ScopeErrorsAsync(context, grid, authorization, form.GridUnit, ct);
        EditResult<PartyOrganisation>? result = null;
        if (errors.Count == 0)
        {
            result = await editor.UpdateAsync(id, form.ToInput(), form.Version, context.User, ct);
            switch (result.Outcome)
            {
                case EditOutcome.NotFound:
                    return Results.NotFound();
                case EditOutcome.Done:
                    return Results.Redirect(context.TenantPath($"{ListPath}?done=saved"));
            }

            errors = Text(result.Errors);
        }

        return await PageAsync(context, db, grid, current, form, errors, result?.Outcome == EditOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct);
    }

    /// <summary>An organisation or courtyard may be put only on a unit over which the editor may organise.</summary>
    private static async Task<Dictionary<string, string>> ScopeErrorsAsync(HttpContext context, IGridDirectory grid, IAuthorizationService authorization, string? unit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(unit) || await grid.FindAsync(unit.Trim(), ct) is not { } found
            || await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, new ScopedUnit(found.Code)))
        {
            return [];
        }

        return new Dictionary<string, string> { ["gridUnit"] = Text(new BilingualText("只能选择您管辖范围内的单位。", "Choose a unit within your scope.")) };
    }

    /// <summary>The form again as typed, its courtyard choice now the chosen grid's (a courtyard of the grid before is dropped); nothing saved.</summary>
    private static async Task<IResult> RefreshAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, PartyOrganisation? organisation, OrganisationForm form, CancellationToken ct)
    {
        form.Refresh = false;
        var unit = form.GridUnit?.Trim();
        if (long.TryParse(form.Courtyard, NumberStyles.None, CultureInfo.InvariantCulture, out var courtyardId)
            && !await db.Set<Courtyard>().AnyAsync(c => c.Id == courtyardId && c.GridUnitCode == unit, ct))
        {
            form.Courtyard = null;
        }

        return await PageAsync(context, db, grid, organisation, form, NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> PageAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, PartyOrganisation? organisation, OrganisationForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        // The select shows the first unit when none is chosen yet: list that unit's courtyards.
        form.GridUnit ??= units.Count > 0 ? units[0].Code : null;
        var unit = form.GridUnit?.Trim();
        var courtyards = string.IsNullOrEmpty(unit) ? [] : await db.Set<Courtyard>().AsNoTracking().Where(c => c.GridUnitCode == unit).OrderBy(c => c.Name).ToListAsync(ct);
        return ComponentPage.Render<OrganisationEditPage>(context, new { Organisation = organisation, Form = form, Units = units, Courtyards = courtyards, Errors = errors }, status);
    }

    private static async Task<IResult> CourtyardsAsync(string? grid, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory directory, IGridScopeFilter scope,
        IAuthorizationService authorization, CancellationToken ct) =>
        await CourtyardListAsync(grid, page, done, new CourtyardForm { GridUnit = grid, Active = true }, NoErrors, StatusCodes.Status200OK, context, db, directory, scope, authorization, ct);

    private static async Task<IResult> CourtyardListAsync(string? grid, int? page, string? done, CourtyardForm form, Dictionary<string, string> errors, int status, HttpContext context,
        TenantDbContext db, IGridDirectory directory, IGridScopeFilter scope, IAuthorizationService authorization, CancellationToken ct)
    {
        var units = await directory.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<Courtyard>().AsNoTracking(), c => c.GridUnitCode, context.User, ct);
        var gridFilter = units.FirstOrDefault(u => u.Code == grid)?.Code;
        if (gridFilter is not null)
        {
            var below = await directory.GetSubtreeCodesAsync(gridFilter, ct);
            query = query.Where(c => below.Contains(c.GridUnitCode));
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var courtyards = await query.OrderBy(c => c.GridUnitCode).ThenBy(c => c.Name).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = courtyards.Select(c => c.Id).ToList();
        var groups = await db.Set<PartyOrganisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.CourtyardGroup && o.Active && o.CourtyardId != null && ids.Contains(o.CourtyardId.Value))
            .ToListAsync(ct);
        return ComponentPage.Render<CourtyardsPage>(context, new
        {
            Courtyards = courtyards,
            Groups = groups.GroupBy(g => g.CourtyardId!.Value).ToDictionary(g => g.Key, g => g.First()),
            Units = units,
            Grid = gridFilter,
            Page = number,
            Total = total,
            Done = done,
            Form = form,
            Errors = errors,
            CanOrganise = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise),
        }, status);
    }

    private static async Task<IResult> AddCourtyardAsync([FromForm] CourtyardForm form, HttpContext context, TenantDbContext db, OrganisationEditor editor, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, CancellationToken ct)
    {
        var errors = await ScopeErrorsAsync(context, grid, authorization, form.GridUnit, ct);
        if (errors.Count == 0)
        {
            var result = await editor.SaveCourtyardAsync(null, form.ToInput(), context.User, ct);
            if (result.Outcome == EditOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"admin/redgrid/courtyards?grid={Uri.EscapeDataString(result.Value!.GridUnitCode)}&done=created"));
            }

            errors = Text(result.Errors);
        }

        return await CourtyardListAsync(form.GridUnit, 1, null, form, errors, StatusCodes.Status400BadRequest, context, db, grid, scope, authorization, ct);
    }

    private static async Task<IResult> EditCourtyardAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var courtyard = await db.Set<Courtyard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (courtyard is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, courtyard))
        {
            return Results.Forbid();
        }

        var form = new CourtyardForm
        {
            GridUnit = courtyard.GridUnitCode,
            Name = courtyard.Name,
            Buildings = courtyard.Buildings.ToString(CultureInfo.InvariantCulture),
            Households = courtyard.Households.ToString(CultureInfo.InvariantCulture),
            Active = courtyard.Active,
        };
        return ComponentPage.Render<CourtyardEditPage>(context, new { Courtyard = courtyard, Form = form, Units = await grid.GetUnitsInScopeAsync(context.User, ct), Errors = NoErrors });
    }

    private static async Task<IResult> SaveCourtyardAsync(long id, [FromForm] CourtyardForm form, HttpContext context, TenantDbContext db, OrganisationEditor editor, IGridDirectory grid,
        IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var courtyard = await db.Set<Courtyard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (courtyard is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, courtyard))
        {
            return Results.Forbid();
        }

        var errors = await ScopeErrorsAsync(context, grid, authorization, form.GridUnit, ct);
        if (errors.Count == 0)
        {
            var result = await editor.SaveCourtyardAsync(id, form.ToInput(), context.User, ct);
            if (result.Outcome == EditOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"admin/redgrid/courtyards?grid={Uri.EscapeDataString(result.Value!.GridUnitCode)}&done=saved"));
            }

            errors = Text(result.Errors);
        }

        return ComponentPage.Render<CourtyardEditPage>(context, new { Courtyard = courtyard, Form = form, Units = await grid.GetUnitsInScopeAsync(context.User, ct), Errors = errors }, StatusCodes.Status400BadRequest);
    }

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    internal static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}
