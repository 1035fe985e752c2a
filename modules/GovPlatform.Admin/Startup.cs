using System.Globalization;
using System.Text;
using CsvHelper;
using GovPlatform.Admin.Components;
using GovPlatform.Admin.Services;
using GovPlatform.Auditing;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Shells;
using GovPlatform.Files;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Admin;

/// <summary>The tenant admin under <c>/admin</c>: pages are server-rendered; forms post, then redirect (or show their errors).</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<SiteSettingsEditor>();
        services.AddScoped<SiteLogo>();
        services.AddScoped<CalendarEditor>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        var admin = endpoints.MapGroup("/admin");

        admin.MapGetShared("", async (ShellHost host, ITenant tenant, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            var enabled = await host.GetEnabledFeaturesAsync(tenant.Name, cancellationToken);
            var (_, errors) = await host.GetMigrationStateAsync(tenant.Name, cancellationToken);
            var recent = await audit.QueryAsync(new AuditQuery(PageSize: 10), cancellationToken);
            return new RazorComponentResult<Dashboard>(new
            {
                Settings = host.Find(tenant.Name)!,
                EnabledCount = enabled.Count,
                MigrationErrors = errors.Select(e => (e.Key, (string?)e.Value?["error"] ?? e.Value?.ToJsonString() ?? "")).ToList(),
                Recent = recent.Entries,
            });
        }).RequirePermission(AdminPermissions.Access).WithName("GovPlatform.Admin.Dashboard");

        admin.MapGetShared("/features", async (string? done, ShellHost host, ModuleCatalog catalog, ITenant tenant, CancellationToken cancellationToken) =>
            new RazorComponentResult<FeaturesPage>(new { Rows = await FeatureRowsAsync(host, catalog, tenant, cancellationToken), Done = done }))
            .RequirePermission(AdminPermissions.ManageFeatures);

        admin.MapPostShared("/features/confirm", async ([FromForm] string id, [FromForm] string change, ShellHost host, ITenant tenant, CancellationToken cancellationToken) =>
        {
            var enable = change == "enable";
            var plan = await host.PlanFeaturesAsync(tenant.Name, enable ? [id] : [], enable ? [] : [id], cancellationToken);
            return new RazorComponentResult<FeatureConfirm>(new { FeatureId = id, Change = enable ? "enable" : "disable", Plan = plan });
        }).RequirePermission(AdminPermissions.ManageFeatures);

        admin.MapPostShared("/features/apply", async ([FromForm] string id, [FromForm] string change, ShellHost host, ITenant tenant, IAuditLog audit, HttpContext context, CancellationToken cancellationToken) =>
        {
            var enable = change == "enable";
            var plan = await host.PlanFeaturesAsync(tenant.Name, enable ? [id] : [], enable ? [] : [id], cancellationToken);
            if (!plan.IsValid)
            {
                return (IResult)new RazorComponentResult<FeatureConfirm>(new { FeatureId = id, Change = enable ? "enable" : "disable", Plan = plan });
            }

            await audit.RecordAsync(new AuditEvent("features", enable ? "enable" : "disable", id,
                $"{(enable ? "Enabled" : "Disabled")}: {string.Join(", ", (enable ? plan.ToEnable : plan.ToDisable).Select(f => f.Id))}",
                Before: new System.Text.Json.Nodes.JsonArray([.. plan.Current.Select(f => (System.Text.Json.Nodes.JsonNode?)f.Id)]),
                After: new System.Text.Json.Nodes.JsonArray([.. plan.Result.Select(f => (System.Text.Json.Nodes.JsonNode?)f.Id)])), cancellationToken);
            try
            {
                await host.ChangeFeaturesAsync(tenant.Name, enable ? [id] : [], enable ? [] : [id], cancellationToken);
            }
            catch (Exception ex) when (ex is TenantOperationException or GovPlatform.Core.Data.Migrations.MigrationFailedException)
            {
                return Results.LocalRedirect(context.TenantPath("admin/features?done=failed"));
            }

            return Results.LocalRedirect(context.TenantPath($"admin/features?done={(enable ? "enabled" : "disabled")}"));
        }).RequirePermission(AdminPermissions.ManageFeatures);

        admin.MapGetShared("/settings", (string? done, SiteSettingsEditor editor, SiteLogo logo) =>
            new RazorComponentResult<SettingsPage>(new { Form = editor.Current(), Themes = editor.ThemeChoices, Errors = new Dictionary<string, string>(), Done = done, Logo = logo.Current }))
            .RequirePermission(AdminPermissions.ManageSettings);

        admin.MapPostShared("/settings", async ([FromForm] SettingsForm form, SiteSettingsEditor editor, SiteLogo logoService, HttpContext context, CancellationToken cancellationToken) =>
        {
            // Read from the form rather than bound as a parameter: a post without a file may then be url-encoded too.
            var logo = context.Request.Form.Files.GetFile("logo");
            var errors = editor.Validate(form, logo, SiteSettingsEditor.English);
            if (errors.Count > 0)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return (IResult)new RazorComponentResult<SettingsPage>(new { Form = form, Themes = editor.ThemeChoices, Errors = errors, Done = (string?)null, Logo = logoService.Current })
                {
                    StatusCode = StatusCodes.Status400BadRequest,
                };
            }

            await editor.ApplyAsync(form, logo, cancellationToken);
            return Results.LocalRedirect(context.TenantPath("admin/settings?done=saved"));
        }).RequirePermission(AdminPermissions.ManageSettings);

        admin.MapGetShared("/calendar", async (string? done, CalendarEditor editor, CancellationToken cancellationToken) =>
            new RazorComponentResult<CalendarPage>(new
            {
                Form = await editor.CurrentAsync(cancellationToken),
                Upcoming = await editor.UpcomingAsync(cancellationToken),
                TimeZone = editor.TimeZoneId,
                Errors = new Dictionary<string, string>(),
                Done = done,
            }))
            .RequirePermission(AdminPermissions.Calendar);

        admin.MapPostShared("/calendar", async ([FromForm] CalendarForm form, CalendarEditor editor, HttpContext context, CancellationToken cancellationToken) =>
        {
            var (definition, errors) = CalendarEditor.Parse(form, CalendarEditor.English);
            if (definition is not null)
            {
                try
                {
                    await editor.SaveAsync(definition, cancellationToken);
                    return (IResult)Results.LocalRedirect(context.TenantPath("admin/calendar?done=saved"));
                }
                catch (GovPlatform.Calendars.WorkingCalendarException ex)
                {
                    errors[""] = string.Join(" ", ex.Errors.Select(e => CalendarEditor.English ? e.English : e.Chinese));
                }
            }

            // The form comes back as it was typed, with its errors; nothing was saved.
            return new RazorComponentResult<CalendarPage>(new
            {
                Form = form,
                Upcoming = await editor.UpcomingAsync(cancellationToken),
                TimeZone = editor.TimeZoneId,
                Errors = errors,
                Done = (string?)null,
            })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }).RequirePermission(AdminPermissions.Calendar);

        // The logo, public: the themes show it on every page. A versioned URL (?v=) may be cached for good.
        endpoints.MapGetShared("/site/logo", (string? v, SiteLogo logo, ITenantFiles files, HttpContext context) =>
        {
            if (logo.Current is not { } current || files.OpenRead(SiteLogo.FilePath) is not { } stream)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = v == current.Version ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Stream(stream, current.Type, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{current.Version}\""));
        }).WithName("GovPlatform.Admin.SiteLogo");

        admin.MapGetShared("/audit", async ([AsParameters] AuditFilter filter, IAuditLog audit, ITenant tenant, CancellationToken cancellationToken) =>
            new RazorComponentResult<AuditLogPage>(new { Filter = filter, Page = await audit.QueryAsync(filter.ToQuery(tenant), cancellationToken) }))
            .RequirePermission(AdminPermissions.ViewAuditLog);

        admin.MapGetShared("/audit.csv", ([AsParameters] AuditFilter filter, IAuditLog audit, ITenant tenant, HttpContext context) =>
            Results.Stream(async stream =>
            {
                await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                csv.WriteHeader<AuditEntry>();
                await csv.NextRecordAsync();
                await foreach (var entry in audit.ExportAsync(filter.ToQuery(tenant), context.RequestAborted))
                {
                    csv.WriteRecord(entry);
                    await csv.NextRecordAsync();
                }
            }, "text/csv; charset=utf-8", $"audit-{tenant.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv"))
            .RequirePermission(AdminPermissions.ViewAuditLog);
    }

    private static async Task<List<FeatureRow>> FeatureRowsAsync(ShellHost host, ModuleCatalog catalog, ITenant tenant, CancellationToken cancellationToken)
    {
        var enabled = (await host.GetEnabledFeaturesAsync(tenant.Name, cancellationToken)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var (applied, errors) = await host.GetMigrationStateAsync(tenant.Name, cancellationToken);
        return [.. catalog.Features
            .Where(f => tenant.IsDefault || !f.DefaultTenantOnly)
            .OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new FeatureRow(f, enabled.Contains(f.Id), applied.TryGetValue(f.Id, out var v) ? v : null, (string?)errors[f.Id]?["error"]))];
    }
}
