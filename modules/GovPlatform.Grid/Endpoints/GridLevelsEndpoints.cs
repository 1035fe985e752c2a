using System.Globalization;
using GovPlatform.Grid.Components.Admin;
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

/// <summary>The level editor: <c>admin/grid/levels</c>.</summary>
internal static class GridLevelsEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGetShared("/levels", PageAsync);
        group.MapPostShared("/levels", SaveAsync);
    }

    private static async Task<IResult> PageAsync(bool? saved, HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (!await access.CanManageAllAsync())
        {
            return Results.Forbid();
        }

        var rows = access.Tree.LevelEntities.Select(GridLevelEdit.From).ToList();
        return Render(context, access.Tree, rows, new Dictionary<string, string>(), saved == true);
    }

    private static async Task<IResult> SaveAsync([FromForm] ConfirmForm? confirm, HttpContext context, GridDirectory directory, GridLevelsEditor editor, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (!await access.CanManageAllAsync())
        {
            return Results.Forbid();
        }

        // A list of rows whose length the admin chooses: read the form by index (lists do not bind reliably in minimal
        // APIs; the ConfirmForm parameter is there so the antiforgery token is checked). A row is kept unless its "remove" box is ticked; a blank new row is ignored.
        var form = await context.Request.ReadFormAsync(ct);
        var rows = new List<(int Order, GridLevelEdit Edit)>();
        for (var i = 0; i < 20; i++)
        {
            var prefix = $"Levels[{i}].";
            if (!form.ContainsKey(prefix + "Name"))
            {
                break;
            }

            var id = int.TryParse(form[prefix + "Id"], CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
            var name = form[prefix + "Name"].ToString();
            var english = form[prefix + "EnglishName"].ToString();
            if (form[prefix + "Remove"] == "true" || (id is null && string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(english)))
            {
                continue;
            }

            var order = int.TryParse(form[prefix + "Position"], CultureInfo.InvariantCulture, out var position) ? position : 1000 + i;
            rows.Add((order, new GridLevelEdit(id, name, english, Number(form[prefix + "MinHouseholds"]), Number(form[prefix + "MaxHouseholds"]))));
        }

        var edits = rows.OrderBy(r => r.Order).Select(r => r.Edit).ToList();
        var result = await editor.SaveAsync(edits, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath("admin/grid/levels?saved=true"))
            : Render(context, access.Tree, edits, result.Errors, false, StatusCodes.Status400BadRequest);
    }

    private static RazorComponentResult<GridLevelsPage> Render(HttpContext context, GridTree tree, IReadOnlyList<GridLevelEdit> rows, IReadOnlyDictionary<string, string> errors, bool saved, int status = StatusCodes.Status200OK) =>
        ComponentPage.Render<GridLevelsPage>(context, new
        {
            Rows = rows,
            UnitCounts = tree.LevelEntities.ToDictionary(l => l.Id, l => tree.PreOrder.Count(n => n.Unit.LevelId == l.Id)),
            Errors = errors,
            Saved = saved,
        }, status);

    private static int? Number(string? text) => int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;
}
