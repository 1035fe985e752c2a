using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Navigation;
using GovPlatform.Security;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.TestModules;

/// <summary>Endpoints that exercise the platform's per-tenant services from a module, as a vendor would use them.</summary>
[ForFeature("Test.Platform")]
public sealed class PlatformStartup : ModuleStartup
{
    public static readonly Permission Secret = new("Test.Secret", new("机密", "Secret"), new("测试", "Tests"));

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapPost("/platform/limited", () => Results.Ok("ok")).RequireRateLimiting(RateLimitPolicies.PublicForm).DisableAntiforgery();
        endpoints.MapPost("/platform/audit", async (AuditInput input, IAuditLog audit) =>
        {
            await audit.RecordAsync(new AuditEvent(input.Category, input.Action, input.Subject, input.Summary,
                input.Before is null ? null : JsonNode.Parse(input.Before), input.After is null ? null : JsonNode.Parse(input.After)));
            return Results.NoContent();
        }).DisableAntiforgery();
        endpoints.MapGet("/platform/audit", async (string? category, string? text, int? page, int? pageSize, IAuditLog audit) =>
            Results.Ok(await audit.QueryAsync(new AuditQuery(Category: category, Text: text, Page: page ?? 1, PageSize: pageSize ?? 50))));
        endpoints.MapGet("/platform/protect", (string text, IDataProtectionProvider protection) =>
            Results.Ok(protection.CreateProtector("Test.Platform").Protect(text)));
        endpoints.MapGet("/platform/unprotect", (string payload, IDataProtectionProvider protection) =>
        {
            try
            {
                return Results.Ok(protection.CreateProtector("Test.Platform").Unprotect(payload));
            }
            catch (CryptographicException)
            {
                return Results.BadRequest("unreadable");
            }
        });
        endpoints.MapGet("/platform/menu", async (INavigationService navigation, HttpContext context) =>
            Results.Ok((await navigation.GetMenuAsync(Menus.Site, context.User)).Select(i => i.Text.English)));
        endpoints.MapGet("/platform/page", () => new RazorComponentResult<PlatformPage>());
    }

    public sealed record AuditInput(string Category, string Action, string? Subject, string? Summary, string? Before, string? After);
}

/// <summary>Two public links and one behind a permission.</summary>
[ForFeature("Test.Platform")]
public sealed class PlatformNavigation : INavigationProvider
{
    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu != Menus.Site)
        {
            return;
        }

        var section = new BilingualText("服务", "Services");
        items.Add(new NavigationItem(new("第二", "Second"), "second", section, Position: 20));
        items.Add(new NavigationItem(new("第一", "First"), "first", section, Position: 10));
        items.Add(new NavigationItem(new("机密", "Secret"), "secret", section, PlatformStartup.Secret, Position: 5));
    }
}

/// <summary>A page laid out by the tenant's site theme.</summary>
public sealed class PlatformPage : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<SiteLayout>(0);
        builder.AddComponentParameter(1, nameof(SiteLayout.Title), "Platform page");
        builder.AddComponentParameter(2, nameof(SiteLayout.ChildContent), (RenderFragment)(content => content.AddMarkupContent(0, "<p id=\"platform-content\">content</p>")));
        builder.CloseComponent();
    }
}
