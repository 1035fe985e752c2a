using System.Text.RegularExpressions;
using GovPlatform.Contents.Components.Types;
using GovPlatform.Contents.Security;
using GovPlatform.Grid;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Endpoints;

/// <summary>
/// The content type admin under <c>admin/contents/types</c>: list, create, edit and delete types, and add, edit, order and
/// remove their fields. Every change goes through <see cref="IContentDefinitionStore.SaveAsync"/> (checked and audited);
/// every form carries the version of the type it was made from, and a post from an older version is refused.
/// </summary>
internal static partial class TypeEndpoints
{
    public const string Path = "admin/contents/types";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path).RequirePermission(ContentPermissions.ManageTypes);
        group.MapGetShared("/", ListAsync);
        group.MapGetShared("/new", NewAsync);
        group.MapPostShared("/new", CreateAsync);
        group.MapGetShared("/{name}/edit", EditAsync);
        group.MapPostShared("/{name}/edit", UpdateAsync);
        group.MapGetShared("/{name}/delete", DeletePageAsync);
        group.MapPostShared("/{name}/delete", DeleteAsync);
        group.MapGetShared("/{name}/fields/new", NewFieldAsync);
        group.MapPostShared("/{name}/fields/new", CreateFieldAsync);
        group.MapGetShared("/{name}/fields/{field}/edit", EditFieldAsync);
        group.MapPostShared("/{name}/fields/{field}/edit", UpdateFieldAsync);
        group.MapPostShared("/{name}/fields/{field}/move", MoveFieldAsync);
        group.MapGetShared("/{name}/fields/{field}/remove", RemoveFieldPageAsync);
        group.MapPostShared("/{name}/fields/{field}/remove", RemoveFieldAsync);
    }

    /// <summary>The path of a type's edit page, inside the tenant.</summary>
    public static string EditPath(string name) => $"{Path}/{Uri.EscapeDataString(name)}/edit";

    private static async Task<IResult> ListAsync(bool? deleted, HttpContext context, IContentDefinitionStore store, CancellationToken ct) =>
        ComponentPage.Render<TypeListPage>(context, new
        {
            Types = await store.ListAsync(ct),
            Notice = deleted == true ? L("内容类型已删除。", "The content type was deleted.") : null,
        });

    private static Task<IResult> NewAsync(HttpContext context) =>
        TypePageAsync(context, null, TypeForm.ForNew(), new Dictionary<string, string>(), [], null);

    private static async Task<IResult> CreateAsync([FromForm] TypeForm form, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        form.ReadParts(await context.Request.ReadFormAsync(ct));
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = (form.Name ?? "").Trim();
        if ((await store.ListAsync(ct)).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            errors["Name"] = L($"已有代码名为“{existing.Name}”的内容类型，请换一个。", $"A content type with the code name '{existing.Name}' exists; choose another.");
        }

        var type = form.ToDefinition(null, errors);
        if (type is null)
        {
            return await TypePageAsync(context, null, form, errors, [], null, StatusCodes.Status400BadRequest);
        }

        var result = await store.SaveAsync(type, ct);
        if (!result.Succeeded)
        {
            var (inputs, messages) = TypeErrors(result.Errors);
            return await TypePageAsync(context, null, form, inputs, messages, null, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(context.TenantPath(EditPath(type.Name) + "?saved=created"));
    }

    private static async Task<IResult> EditAsync(string name, string? saved, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } type)
        {
            return Results.NotFound();
        }

        var notice = saved switch
        {
            "created" => L("内容类型已创建，现在可以添加字段。", "The content type was created; now add its fields."),
            "type" => L("已保存。", "Saved."),
            "field" => L("字段已保存。", "The field was saved."),
            "moved" => L("字段顺序已保存。", "The fields' order was saved."),
            "removed" => L("字段已移除。已有内容中的值仍然保留，重新添加同名字段后会再次显示。", "The field was removed. Items keep their values, which come back if a field of that name is added again."),
            _ => null,
        };
        return await TypePageAsync(context, type, TypeForm.From(type), new Dictionary<string, string>(), [], notice);
    }

    private static async Task<IResult> UpdateAsync(string name, [FromForm] TypeForm form, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } stored)
        {
            return Results.NotFound();
        }

        form.ReadParts(await context.Request.ReadFormAsync(ct));
        form.Name = stored.Name;
        if (Conflict(stored, form.Version) is { } conflict)
        {
            form.Version = TypeVersions.Of(stored);
            return await TypePageAsync(context, stored, form, new Dictionary<string, string>(), [conflict], null, StatusCodes.Status409Conflict);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var type = form.ToDefinition(stored, errors);
        if (type is null)
        {
            return await TypePageAsync(context, stored, form, errors, [], null, StatusCodes.Status400BadRequest);
        }

        var result = await store.SaveAsync(type, ct);
        if (!result.Succeeded)
        {
            var (inputs, messages) = TypeErrors(result.Errors);
            return await TypePageAsync(context, stored, form, inputs, messages, null, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(context.TenantPath(EditPath(stored.Name) + "?saved=type"));
    }

    private static async Task<IResult> DeletePageAsync(string name, HttpContext context, IContentDefinitionStore store, IContentManager contents, CancellationToken ct) =>
        await store.GetAsync(name, ct) is { } type
            ? ComponentPage.Render<TypeDeletePage>(context, new { Type = type, Items = await CountAsync(contents, name, ct) })
            : Results.NotFound();

    private static async Task<IResult> DeleteAsync(string name, [FromForm] DeleteTypeForm form, HttpContext context, IContentDefinitionStore store, IContentManager contents, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } type)
        {
            return Results.NotFound();
        }

        var result = await store.DeleteAsync(name, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath(Path + "?deleted=true"))
            : ComponentPage.Render<TypeDeletePage>(
                context, new { Type = type, Items = await CountAsync(contents, name, ct), Messages = result.Errors.Values.ToList() }, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> NewFieldAsync(string name, string? kind, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } type)
        {
            return Results.NotFound();
        }

        if (FieldKind(context, kind) is not { } parsed)
        {
            var errors = kind is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Kind"] = KindError() };
            return KindPage(context, type, errors, kind is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        }

        return await FieldPageAsync(context, store, type, null, parsed, FieldForm.ForNew(parsed, TypeVersions.Of(type)), new Dictionary<string, string>(), [], StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> CreateFieldAsync(string name, [FromForm] FieldForm form, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } stored)
        {
            return Results.NotFound();
        }

        if (FieldKind(context, form.Kind) is not { } kind)
        {
            return KindPage(context, stored, new Dictionary<string, string> { ["Kind"] = KindError() }, StatusCodes.Status400BadRequest);
        }

        form.ReadContentTypes(await context.Request.ReadFormAsync(ct));
        if (Conflict(stored, form.Version) is { } conflict)
        {
            form.Version = TypeVersions.Of(stored);
            return await FieldPageAsync(context, store, stored, null, kind, form, new Dictionary<string, string>(), [conflict], StatusCodes.Status409Conflict, ct);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var fieldName = (form.Name ?? "").Trim();
        if (!FieldName().IsMatch(fieldName))
        {
            errors["Name"] = L("字段名要以小写字母开头，只含字母、数字和“_”，最多 64 个字符，如 budget。",
                "A field name starts with a lowercase letter and has only letters, digits and '_', at most 64, such as budget.");
        }
        else if (stored.Fields.Find(f => string.Equals(f.Name, fieldName, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            errors["Name"] = L($"这个类型已有字段“{existing.Name}”（{TypeText.Label(existing)}），请换一个名字。",
                $"This type already has the field '{existing.Name}' ({TypeText.Label(existing)}); choose another name.");
        }

        var field = form.ToDefinition(fieldName, kind, errors);
        if (field is null)
        {
            return await FieldPageAsync(context, store, stored, null, kind, form, errors, [], StatusCodes.Status400BadRequest, ct);
        }

        var type = TypeVersions.Clone(stored);
        type.Fields.Add(field);
        return await SaveFieldAsync(context, store, stored, type, null, field, form, ct);
    }

    private static async Task<IResult> EditFieldAsync(string name, string field, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } type || type.Field(field) is not { } definition)
        {
            return Results.NotFound();
        }

        return await FieldPageAsync(context, store, type, definition, definition.Kind, FieldForm.From(definition, TypeVersions.Of(type)), new Dictionary<string, string>(), [], StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> UpdateFieldAsync(string name, string field, [FromForm] FieldForm form, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } stored || stored.Field(field) is not { } definition)
        {
            return Results.NotFound();
        }

        form.ReadContentTypes(await context.Request.ReadFormAsync(ct));
        form.Name = definition.Name;
        form.Kind = FormInput.Name(definition.Kind);
        if (Conflict(stored, form.Version) is { } conflict)
        {
            form.Version = TypeVersions.Of(stored);
            return await FieldPageAsync(context, store, stored, definition, definition.Kind, form, new Dictionary<string, string>(), [conflict], StatusCodes.Status409Conflict, ct);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = form.ToDefinition(definition.Name, definition.Kind, errors);
        if (changed is null)
        {
            return await FieldPageAsync(context, store, stored, definition, definition.Kind, form, errors, [], StatusCodes.Status400BadRequest, ct);
        }

        var type = TypeVersions.Clone(stored);
        type.Fields[type.Fields.FindIndex(f => f.Name == definition.Name)] = changed;
        return await SaveFieldAsync(context, store, stored, type, definition, changed, form, ct);
    }

    private static async Task<IResult> MoveFieldAsync(string name, string field, [FromForm] MoveFieldForm form, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } stored || stored.Field(field) is null)
        {
            return Results.NotFound();
        }

        if (Conflict(stored, form.Version) is { } conflict)
        {
            return await TypePageAsync(context, stored, TypeForm.From(stored), new Dictionary<string, string>(), [conflict], null, StatusCodes.Status409Conflict);
        }

        var type = TypeVersions.Clone(stored);
        var index = type.Fields.FindIndex(f => f.Name == field);
        var target = string.Equals(form.Direction, "up", StringComparison.OrdinalIgnoreCase) ? index - 1
            : string.Equals(form.Direction, "down", StringComparison.OrdinalIgnoreCase) ? index + 1
            : -1;
        if (target < 0 || target >= type.Fields.Count)
        {
            // The first field cannot go up, nor the last down: nothing to do.
            return Results.Redirect(context.TenantPath(EditPath(stored.Name) + "#fields"));
        }

        (type.Fields[index], type.Fields[target]) = (type.Fields[target], type.Fields[index]);
        var result = await store.SaveAsync(type, ct);
        if (!result.Succeeded)
        {
            return await TypePageAsync(context, stored, TypeForm.From(stored), new Dictionary<string, string>(), [.. TypeErrors(result.Errors).Messages], null, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(context.TenantPath(EditPath(stored.Name) + "?saved=moved#fields"));
    }

    private static async Task<IResult> RemoveFieldPageAsync(string name, string field, HttpContext context, IContentDefinitionStore store, CancellationToken ct) =>
        await store.GetAsync(name, ct) is { } type && type.Field(field) is { } definition
            ? ComponentPage.Render<FieldRemovePage>(context, new { Type = type, Field = definition, Version = TypeVersions.Of(type) })
            : Results.NotFound();

    private static async Task<IResult> RemoveFieldAsync(string name, string field, [FromForm] TypeVersionForm form, HttpContext context, IContentDefinitionStore store, CancellationToken ct)
    {
        if (await store.GetAsync(name, ct) is not { } stored || stored.Field(field) is not { } definition)
        {
            return Results.NotFound();
        }

        if (Conflict(stored, form.Version) is { } conflict)
        {
            return ComponentPage.Render<FieldRemovePage>(
                context, new { Type = stored, Field = definition, Version = TypeVersions.Of(stored), Messages = new List<string> { conflict } }, StatusCodes.Status409Conflict);
        }

        var type = TypeVersions.Clone(stored);
        type.Fields.RemoveAll(f => f.Name == definition.Name);
        var result = await store.SaveAsync(type, ct);
        if (!result.Succeeded)
        {
            return ComponentPage.Render<FieldRemovePage>(
                context, new { Type = stored, Field = definition, Version = TypeVersions.Of(stored), Messages = TypeErrors(result.Errors).Messages }, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(context.TenantPath(EditPath(stored.Name) + "?saved=removed#fields"));
    }

    private static async Task<IResult> SaveFieldAsync(
        HttpContext context, IContentDefinitionStore store, ContentTypeDefinition stored, ContentTypeDefinition type, ContentFieldDefinition? existing,
        ContentFieldDefinition field, FieldForm form, CancellationToken ct)
    {
        var result = await store.SaveAsync(type, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath(EditPath(stored.Name) + "?saved=field#fields"));
        }

        // The store's error about this field is shown with its settings; other errors (another field, the type) above the form.
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new List<string>();
        foreach (var (key, message) in result.Errors)
        {
            if (key == $"Fields.{field.Name}")
            {
                inputs["Settings"] = message;
            }
            else
            {
                messages.Add(key.StartsWith("Fields.", StringComparison.Ordinal) ? $"{key["Fields.".Length..]}: {message}" : message);
            }
        }

        return await FieldPageAsync(context, store, stored, existing, field.Kind, form, inputs, messages, StatusCodes.Status400BadRequest, ct);
    }

    /// <summary>The store's errors by the type form's inputs, and those that belong to none (a field's), as messages.</summary>
    private static (Dictionary<string, string> Inputs, List<string> Messages) TypeErrors(IReadOnlyDictionary<string, string> errors)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new List<string>();
        foreach (var (key, message) in errors)
        {
            var input = key switch
            {
                "Name" or "DisplayName" or "Parts" => key,
                "List.Slug" => "ListSlug",
                "List.PageSize" => "ListPageSize",
                _ => null,
            };
            if (input is not null)
            {
                inputs[input] = message;
            }
            else
            {
                messages.Add(key.StartsWith("Fields.", StringComparison.Ordinal)
                    ? L($"字段 {key["Fields.".Length..]}：{message}", $"Field {key["Fields.".Length..]}: {message}")
                    : message);
            }
        }

        return (inputs, messages);
    }

    /// <summary>The refusal of a post made from another version of the type than the stored one, or null.</summary>
    private static string? Conflict(ContentTypeDefinition stored, string? version) =>
        string.Equals(version, TypeVersions.Of(stored), StringComparison.Ordinal)
            ? null
            : L("在你编辑期间，有人修改了这个内容类型，你的修改没有保存。页面现在显示的是最新的定义（你填写的内容保留在表单中）；请核对后再保存。",
                "Someone changed this content type while you were editing it, so your change was not saved. The page now shows the current definition (your input is kept in the form); check it and save again.");

    private static bool GridAvailable(HttpContext context) => context.RequestServices.GetService<IGridDirectory>() is not null;

    /// <summary>A kind that can be added in this tenant (the grid picker only with the grid), or null.</summary>
    private static ContentFieldKind? FieldKind(HttpContext context, string? kind) =>
        FormInput.Enum<ContentFieldKind>(kind) is { } parsed && (parsed != ContentFieldKind.GridPicker || GridAvailable(context)) ? parsed : null;

    private static string KindError() => L("请选择字段的种类。", "Choose the kind of field.");

    private static async Task<int> CountAsync(IContentManager contents, string name, CancellationToken ct) =>
        (await contents.QueryAsync(new ContentQuery { ContentType = name, PageSize = 1 }, ct)).Total;

    private static async Task<IResult> TypePageAsync(
        HttpContext context, ContentTypeDefinition? type, TypeForm form, IReadOnlyDictionary<string, string> errors, IReadOnlyList<string> messages,
        string? notice, int status = StatusCodes.Status200OK) =>
        ComponentPage.Render<TypeEditPage>(context, new
        {
            Types = await context.RequestServices.GetRequiredService<IContentDefinitionStore>().ListAsync(context.RequestAborted),
            Type = type,
            Form = form,
            Errors = errors,
            Messages = messages,
            Notice = notice,
            GridAvailable = GridAvailable(context),
        }, status);

    private static RazorComponentResult<FieldKindPage> KindPage(HttpContext context, ContentTypeDefinition type, IReadOnlyDictionary<string, string> errors, int status) =>
        ComponentPage.Render<FieldKindPage>(context, new { Type = type, Errors = errors, GridAvailable = GridAvailable(context) }, status);

    private static async Task<IResult> FieldPageAsync(
        HttpContext context, IContentDefinitionStore store, ContentTypeDefinition type, ContentFieldDefinition? field, ContentFieldKind kind, FieldForm form,
        IReadOnlyDictionary<string, string> errors, IReadOnlyList<string> messages, int status, CancellationToken ct) =>
        ComponentPage.Render<FieldEditPage>(context, new
        {
            Type = type,
            Field = field,
            Kind = kind,
            Form = form,
            Errors = errors,
            Messages = messages,
            Types = await store.ListAsync(ct),
        }, status);

    [GeneratedRegex("^[a-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
