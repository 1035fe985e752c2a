using GovPlatform.Grid.Components.Admin;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Security;
using GovPlatform.Grid.Services;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Grid.Endpoints;

/// <summary>Grid workers: <c>admin/grid/workers</c>, a worker's page with posts, assigning and ending posts.</summary>
internal static class GridWorkerEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGetShared("/workers", ListAsync);
        group.MapGetShared("/workers/new", (HttpContext context) => Render(context, null, new GridWorkerEdit(), [], new Dictionary<string, string>(), null, true, new AssignForm()));
        group.MapPostShared("/workers/new", CreateAsync);
        group.MapGetShared("/workers/{id:long}", WorkerAsync);
        group.MapPostShared("/workers/{id:long}", UpdateAsync);
        group.MapPostShared("/workers/{id:long}/assign", AssignAsync);
        group.MapPostShared("/workers/{id:long}/end", EndAsync);
    }

    private static async Task<IResult> ListAsync(string? q, GridWorkerKind? kind, GridTeam? team, int? page, HttpContext context, GridDirectory directory, GridQueries queries, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        var workers = await queries.WorkersAsync(q, kind, team, access.Scope, page ?? 1, ct);
        return ComponentPage.Render<GridWorkersPage>(context, new
        {
            Workers = workers,
            Query = q,
            Kind = kind,
            Team = team,
            CanManage = await access.CanAsync(GridPermissions.ManageWorkers, null),
        });
    }

    private static async Task<IResult> WorkerAsync(long id, bool? saved, HttpContext context, GridDirectory directory, GridQueries queries, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (await queries.WorkerAsync(id, ct) is not { } worker)
        {
            return Results.NotFound();
        }

        var posts = await queries.PostsOfWorkerAsync(id, ct);
        if (!Visible(access, posts))
        {
            return Results.Forbid();
        }

        return Render(context, worker.Id, GridWorkerEdit.From(worker), posts, new Dictionary<string, string>(), saved == true ? GridAdminEndpoints.Text(new("已保存。", "Saved.")) : null,
            await access.CanAsync(GridPermissions.ManageWorkers, null), new AssignForm { StartDate = queries.Today });
    }

    private static async Task<IResult> CreateAsync([FromForm] GridWorkerEdit form, HttpContext context, GridDirectory directory, GridPeopleEditor editor, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (!await access.CanAsync(GridPermissions.ManageWorkers, null))
        {
            return Results.Forbid();
        }

        var (result, id) = await editor.SaveWorkerAsync(null, form, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"admin/grid/workers/{id}?saved=true"))
            : Render(context, null, form, [], result.Errors, null, true, new AssignForm(), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> UpdateAsync(long id, [FromForm] GridWorkerEdit form, HttpContext context, GridDirectory directory, GridPeopleEditor editor, GridQueries queries, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        var posts = await queries.PostsOfWorkerAsync(id, ct);
        if (!await access.CanAsync(GridPermissions.ManageWorkers, null) || !Visible(access, posts))
        {
            return Results.Forbid();
        }

        var (result, _) = await editor.SaveWorkerAsync(id, form, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"admin/grid/workers/{id}?saved=true"))
            : Render(context, id, form, posts, result.Errors, null, true, new AssignForm { StartDate = queries.Today }, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> AssignAsync(long id, [FromForm] AssignForm form, HttpContext context, GridDirectory directory, GridPeopleEditor editor, GridQueries queries, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        var unit = access.Tree.Find(form.UnitCode?.Trim());
        if (!await access.CanAsync(GridPermissions.ManageWorkers, unit ?? (access.Roots.Count > 0 ? access.Roots[0] : null)))
        {
            return Results.Forbid();
        }

        var result = await editor.AssignAsync(id, form.UnitCode ?? "", form.Role, form.StartDate ?? queries.Today, form.Note, ct);
        return await AfterAsync(id, result, form, context, queries, ct);
    }

    private static async Task<IResult> EndAsync(long id, [FromForm] EndPostForm form, HttpContext context, GridDirectory directory, GridPeopleEditor editor, GridQueries queries, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        var posts = await queries.PostsOfWorkerAsync(id, ct);
        var post = posts.FirstOrDefault(p => p.Id == form.AssignmentId);
        if (post is null)
        {
            return Results.NotFound();
        }

        if (!await access.CanAsync(GridPermissions.ManageWorkers, access.Tree.Find(post.UnitCode)))
        {
            return Results.Forbid();
        }

        var result = await editor.EndAssignmentAsync(form.AssignmentId, form.EndDate ?? queries.Today, form.Note, ct);
        return await AfterAsync(id, result, new AssignForm { StartDate = queries.Today }, context, queries, ct);
    }

    private static async Task<IResult> AfterAsync(long id, GridEditResult result, AssignForm form, HttpContext context, GridQueries queries, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"admin/grid/workers/{id}?saved=true"));
        }

        if (await queries.WorkerAsync(id, ct) is not { } worker)
        {
            return Results.NotFound();
        }

        return Render(context, id, GridWorkerEdit.From(worker), await queries.PostsOfWorkerAsync(id, ct), result.Errors, null, true, form, StatusCodes.Status400BadRequest);
    }

    /// <summary>A scoped user sees the workers who hold or held a post inside their units.</summary>
    private static bool Visible(GridAccess access, IReadOnlyList<GridPost> posts) =>
        access.Scope is null || posts.Any(p => access.Tree.Find(p.UnitCode) is { } unit && access.Scope.Any(s => GridTree.IsWithin(s, unit)));

    private static RazorComponentResult<GridWorkerPage> Render(HttpContext context, long? id, GridWorkerEdit form, IReadOnlyList<GridPost> posts, IReadOnlyDictionary<string, string> errors, string? notice, bool canManage, AssignForm assign, int status = StatusCodes.Status200OK) =>
        ComponentPage.Render<GridWorkerPage>(context, new { WorkerId = id, Form = form, Posts = posts, Errors = errors, Notice = notice, CanManage = canManage, Assign = assign }, status);
}
