using System.Globalization;
using GovPlatform.Contents.Components.Public;
using GovPlatform.Contents.Rendering;
using GovPlatform.Contents.Services;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Contents.Endpoints;

/// <summary>
/// The public site's content pages: a type's list at its list address (<c>/projects?page=2</c>), an item at its slug
/// (<c>/projects/canteen</c>), and an item without a route at <c>/contents/{id}</c>. The slug route is a catch-all, so
/// every other page of the tenant wins over it.
/// </summary>
internal static class PublicEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/contents/{id}", ItemByIdAsync);
        endpoints.MapGetShared("/{**slug}", BySlugAsync);

        // Link checkers and caches ask with HEAD: the same answer without its body.
        endpoints.MapShared(HttpMethods.Head, "/contents/{id}", ItemByIdAsync);
        endpoints.MapShared(HttpMethods.Head, "/{**slug}", BySlugAsync);
    }

    private static async Task<IResult> ItemByIdAsync(string id, HttpContext context, ContentManager contents, ContentDefinitionStore definitions, ContentRenderer renderer, CancellationToken ct)
    {
        if (await contents.GetPublishedAsync(id, ct) is not { } item || await definitions.GetAsync(item.ContentType, ct) is not { } type)
        {
            return Results.NotFound();
        }

        // An item with a route has one address.
        return item.Slug is { } slug
            ? Results.Redirect(context.TenantPath(slug), permanent: true)
            : await ItemPageAsync(context, item, type, renderer, ct);
    }

    private static async Task<IResult> BySlugAsync(
        string? slug, int? page, HttpContext context, ContentManager contents, ContentDefinitionStore definitions, ContentRenderer renderer, CancellationToken ct)
    {
        if (ContentSlugs.Normalize(slug) is not { } path)
        {
            return Results.NotFound();
        }

        if (await definitions.FindByListSlugAsync(path, ct) is { List: { } list } listed)
        {
            var number = Math.Max(1, page ?? 1);
            var result = await contents.QueryAsync(new ContentQuery
            {
                ContentType = listed.Name,
                PublishedOnly = true,
                Order = list.Order,
                Page = number,
                PageSize = list.PageSize,
            }, ct);
            if (number > result.PageCount)
            {
                return Results.NotFound();
            }

            var basePath = context.TenantPath(list.Slug!);
            var html = await renderer.RenderListAsync(listed, result, n => n == 1 ? basePath : string.Create(CultureInfo.InvariantCulture, $"{basePath}?page={n}"), ct);
            return ComponentPage.Render<ContentPublicPage>(context, new { Title = listed.DisplayName.ToString(), Html = html, Preview = false });
        }

        if (await contents.FindPublishedBySlugAsync(path, ct) is { } item && await definitions.GetAsync(item.ContentType, ct) is { } type)
        {
            return await ItemPageAsync(context, item, type, renderer, ct);
        }

        return Results.NotFound();
    }

    internal static async Task<IResult> ItemPageAsync(HttpContext context, ContentItem item, ContentTypeDefinition type, ContentRenderer renderer, CancellationToken ct, bool preview = false)
    {
        var html = await renderer.RenderItemAsync(item, type, ct);
        if (preview)
        {
            context.Response.Headers["X-Robots-Tag"] = "noindex";
            context.Response.Headers.CacheControl = "no-store";
        }

        return ComponentPage.Render<ContentPublicPage>(context, new { Title = item.DisplayText, Html = html, Preview = preview });
    }
}
