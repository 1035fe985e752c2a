using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
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

namespace GovPlatform.RedGrid.Committees;

/// <summary>
/// The joint committees' pages (<c>admin/redgrid/committees</c>): the list in the reader's scope and a committee with its
/// seats (View); adding and saving need <see cref="RedGridPermissions.Organise"/> over the committee's unit.
/// </summary>
internal static class CommitteeEndpoints
{
    private const string ListPath = "admin/redgrid/committees";
    private const int PageSize = 50;
    private static readonly Dictionary<string, string> NoErrors = [];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View);
        view.MapGetShared("/committees", ListAsync);
        view.MapGetShared("/committees/{id:long}", ShowAsync);
        var organise = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Organise);
        organise.MapGetShared("/committees/new", NewAsync);
        organise.MapPostShared("/committees/new", CreateAsync);
        organise.MapPostShared("/committees/{id:long}", SaveAsync);
    }

    private static async Task<IResult> ListAsync(string? unit, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<JointCommittee>().AsNoTracking(), c => c.GridUnitCode, context.User, ct);
        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            var below = await grid.GetSubtreeCodesAsync(unitFilter, ct);
            query = query.Where(c => below.Contains(c.GridUnitCode));
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var committees = await query.OrderBy(c => c.Kind).ThenBy(c => c.GridUnitCode).ThenBy(c => c.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = committees.Select(c => c.Id).ToList();
        var seats = await db.Set<CommitteeSeat>().AsNoTracking().Where(s => ids.Contains(s.CommitteeId)).GroupBy(s => s.CommitteeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return ComponentPage.Render<CommitteesPage>(context, new
        {
            Committees = committees,
            Seats = seats,
            Units = units,
            Unit = unitFilter,
            Page = number,
            Total = total,
            Done = done,
            CanOrganise = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise),
        });
    }

    private static Task<IResult> NewAsync(string? unit, HttpContext context, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct) =>
        PageAsync(context, db, grid, null, new CommitteeForm { Kind = nameof(JointCommitteeKind.CommunityCommittee), GridUnit = unit }, true, NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> ShowAsync(long id, HttpContext context, TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var committee = await db.Set<JointCommittee>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (committee is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.View, committee))
        {
            return Results.Forbid();
        }

        var seats = await db.Set<CommitteeSeat>().AsNoTracking().Where(s => s.CommitteeId == id).OrderBy(s => s.Role).ThenBy(s => s.Id).ToListAsync(ct);
        var form = CommitteeForm.From(new CommitteeInput(committee.Kind.ToString(), committee.Name, committee.GridUnitCode,
            committee.TermStartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), committee.TermEndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), [.. CommitteeEditor.Inputs(seats)]));
        form.Version = committee.Version;
        var canOrganise = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, committee);
        return await PageAsync(context, db, grid, committee, form, canOrganise, NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> CreateAsync([FromForm] CommitteeForm form, HttpContext context, TenantDbContext db, CommitteeEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        var errors = await ScopeErrorsAsync(context, grid, authorization, form.GridUnit, ct);
        if (errors.Count == 0)
        {
            var result = await editor.SaveAsync(null, form.ToInput(), context.User, ct);
            if (result.Outcome == EditOutcome.Done)
            {
                return Results.Redirect(context.TenantPath($"{ListPath}?done=created"));
            }

            errors = OrganisationEndpoints.Text(result.Errors);
        }

        return await PageAsync(context, db, grid, null, Trimmed(form), true, errors, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> SaveAsync(long id, [FromForm] CommitteeForm form, HttpContext context, TenantDbContext db, CommitteeEditor editor, IGridDirectory grid, IAuthorizationService authorization, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var committee = await db.Set<JointCommittee>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (committee is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, committee))
        {
            return Results.Forbid();
        }

        var errors = await ScopeErrorsAsync(context, grid, authorization, form.GridUnit, ct);
        EditResult<JointCommittee>? result = null;
        if (errors.Count == 0)
        {
            result = await editor.SaveAsync(id, form.ToInput(), form.Version, context.User, ct);
            switch (result.Outcome)
            {
                case EditOutcome.NotFound:
                    return Results.NotFound();
                case EditOutcome.Done:
                    return Results.Redirect(context.TenantPath($"{ListPath}?done=saved"));
            }

            errors = OrganisationEndpoints.Text(result.Errors);
        }

        // The input is kept as typed (with the version it was opened at) so a stale save loses nothing.
        return await PageAsync(context, db, grid, committee, Trimmed(form), true, errors,
            result?.Outcome == EditOutcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct);
    }

    /// <summary>The form with its blank rows dropped, so that seat errors (by row number) line up with the rows shown.</summary>
    private static CommitteeForm Trimmed(CommitteeForm form)
    {
        var trimmed = CommitteeForm.From(form.ToInput());
        trimmed.Version = form.Version;
        return trimmed;
    }

    private static async Task<Dictionary<string, string>> ScopeErrorsAsync(HttpContext context, IGridDirectory grid, IAuthorizationService authorization, string? unit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(unit) || await grid.FindAsync(unit.Trim(), ct) is not { } found
            || await authorization.HasPermissionAsync(context.User, RedGridPermissions.Organise, new ScopedUnit(found.Code)))
        {
            return [];
        }

        return new Dictionary<string, string> { ["gridUnit"] = new BilingualText("只能选择您管辖范围内的单位。", "Choose a unit within your scope.").For(CultureInfo.CurrentUICulture) };
    }

    private static async Task<IResult> PageAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, JointCommittee? committee, CommitteeForm form, bool canOrganise,
        Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var codes = units.Select(u => u.Code).ToList();
        var residentUnits = await db.Set<ResidentUnit>().AsNoTracking().Where(u => codes.Contains(u.GridUnitCode)).OrderBy(u => u.Name).Take(500).ToListAsync(ct);
        return ComponentPage.Render<CommitteeEditPage>(context, new
        {
            Committee = committee,
            Form = form,
            Units = units,
            ResidentUnits = residentUnits,
            CanOrganise = canOrganise,
            Errors = errors,
        }, status);
    }
}
