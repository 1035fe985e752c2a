using GovPlatform.Contents.Components.Templates;
using GovPlatform.Contents.Rendering;
using GovPlatform.Contents.Security;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Endpoints;

/// <summary>The template overrides' admin pages: <c>admin/contents/templates</c> and <c>admin/contents/templates/{name}</c>.</summary>
public static class TemplateEndpoints
{
    /// <summary>Maps the pages, for users holding <see cref="ContentPermissions.ManageTypes"/>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/contents/templates").RequirePermission(ContentPermissions.ManageTypes);
        group.MapGetShared("/", ListAsync);
        group.MapGetShared("/{name}", EditAsync);
        group.MapPostShared("/{name}", SaveAsync);
        group.MapPostShared("/{name}/reset", ResetAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ContentTemplateStore store, ITenant tenant, CancellationToken ct) =>
        ComponentPage.Render<TemplatesPage>(context, new
        {
            Types = await context.RequestServices.GetRequiredService<IContentDefinitionStore>().ListAsync(ct),
            Overrides = await store.ListAsync(ct),
            TimeZone = TimeZoneOf(tenant),
        });

    private static async Task<IResult> EditAsync(string name, bool? saved, bool? reset, HttpContext context, ContentTemplateStore store, ITenant tenant, CancellationToken ct)
    {
        if (await TypeOfAsync(name, context, ct) is not { } target)
        {
            return Results.NotFound();
        }

        var text = await store.GetEffectiveTextAsync(name, ct) ?? "";
        var check = await store.CheckAsync(name, text, ct);
        var notice = saved == true ? Text(new("已保存。", "Saved.")) : reset == true ? Text(new("已恢复默认模板。", "The default template is back.")) : null;
        return await PageAsync(context, store, tenant, target, name, text, check, notice, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(string name, [FromForm] TemplateForm form, HttpContext context, ContentTemplateStore store, ITenant tenant, CancellationToken ct)
    {
        if (await TypeOfAsync(name, context, ct) is not { } target)
        {
            return Results.NotFound();
        }

        var text = (form.Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (form.Action == "preview")
        {
            var check = await store.CheckAsync(name, text, ct);
            return await PageAsync(context, store, tenant, target, name, text, check, null,
                check.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, ct);
        }

        var result = await store.SaveAsync(name, text, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"admin/contents/templates/{Uri.EscapeDataString(name)}?saved=true"))
            : await PageAsync(context, store, tenant, target, name, text, result, null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> ResetAsync(string name, [FromForm] TemplateResetForm form, HttpContext context, ContentTemplateStore store, ITenant tenant, CancellationToken ct)
    {
        if (await TypeOfAsync(name, context, ct) is not { } target)
        {
            return Results.NotFound();
        }

        var result = await store.ResetAsync(name, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"admin/contents/templates/{Uri.EscapeDataString(name)}?reset=true"));
        }

        var text = await store.GetEffectiveTextAsync(name, ct) ?? "";
        return await PageAsync(context, store, tenant, target, name, text, result, null, StatusCodes.Status400BadRequest, ct);
    }

    /// <summary>The kind and type a template name names, when the tenant has the type.</summary>
    private static async Task<(string Kind, ContentTypeDefinition Type)?> TypeOfAsync(string name, HttpContext context, CancellationToken ct) =>
        ContentTemplateNames.TryParseOverridable(name, out var kind, out var typeName) &&
        await context.RequestServices.GetRequiredService<IContentDefinitionStore>().GetAsync(typeName, ct) is { } type
            ? (kind, type)
            : null;

    private static async Task<IResult> PageAsync(
        HttpContext context, ContentTemplateStore store, ITenant tenant, (string Kind, ContentTypeDefinition Type) target, string name, string text,
        ContentTemplateResult result, string? notice, int status, CancellationToken ct) =>
        ComponentPage.Render<TemplateEditPage>(context, new
        {
            Name = name,
            target.Kind,
            target.Type,
            Text = text,
            Override = await store.GetAsync(name, ct),
            result.Preview,
            Stylesheet = Stylesheet(context),
            result.Errors,
            result.Error,
            TimeZone = TimeZoneOf(tenant),
            Notice = notice,
            Refused = status == StatusCodes.Status400BadRequest,
        }, status);

    /// <summary>The site theme's stylesheet, by the themes' convention <c>/_content/GovPlatform.Themes.Red/red.css</c>.</summary>
    private static string? Stylesheet(HttpContext context) =>
        context.RequestServices.GetService<IThemeSelector>()?.Site.Layout.Assembly.GetName().Name is { } assembly
            ? $"/_content/{assembly}/{assembly[(assembly.LastIndexOf('.') + 1)..].ToLowerInvariant()}.css"
            : null;

    private static TimeZoneInfo TimeZoneOf(ITenant tenant) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string Text(BilingualText text) => text.ToString();
}

/// <summary>The template form: its text, and whether to save it or only preview it.</summary>
public sealed class TemplateForm
{
    /// <summary>The Liquid text.</summary>
    public string? Text { get; set; }

    /// <summary><c>save</c> or <c>preview</c>.</summary>
    public string? Action { get; set; }
}

/// <summary>The reset form (only the antiforgery token).</summary>
public sealed class TemplateResetForm
{
    /// <summary>Always <c>true</c>.</summary>
    public string? Confirm { get; set; }
}
