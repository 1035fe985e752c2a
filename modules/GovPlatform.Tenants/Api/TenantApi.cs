using System.Text.Json.Nodes;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Recipes;
using GovPlatform.Core.Shells;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Tenants.Api;

/// <summary>The host management API: list, create, set up, disable, enable, reload, export, import and remove tenants, and switch their features.</summary>
internal static class TenantApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<HostApiKeyFilter>().DisableAntiforgery();

        api.MapGet("/modules", (ModuleCatalog catalog) => catalog.Modules.Select(m => new
        {
            m.Id,
            m.Name,
            m.Version,
            m.Author,
            m.Category,
            m.Description,
            Features = m.Features.Select(f => new { f.Id, f.Name, f.Dependencies, f.DefaultTenantOnly, f.AlwaysEnabled }),
        }));

        api.MapGet("/recipes", (RecipeCatalog recipes) => recipes.List().Values.Select(r => new { r.Name, r.DisplayName, r.Description }));

        var tenants = api.MapGroup("/tenants");
        tenants.MapGet("/", (ShellHost host) => host.Tenants.Select(t => TenantSummary.From(t, host.Peek(t.Name))));

        tenants.MapGet("/{name}", (string name, ShellHost host) => Guard(() =>
        {
            var settings = host.Find(name) ?? throw Unknown(name);
            return Task.FromResult(Results.Ok(TenantSummary.From(settings, host.Peek(name))));
        }));

        tenants.MapPost("/", (JsonObject definition, bool? setup, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            var settings = await host.CreateAsync(definition, cancellationToken);
            if (setup == true)
            {
                var failure = await host.SetupAsync(settings.Name, cancellationToken: cancellationToken);
                if (failure is not null)
                {
                    return SetupFailed(settings.Name, failure);
                }
            }

            var created = host.Find(settings.Name)!;
            return Results.Created($"/api/tenants/{created.Name}", TenantSummary.From(created, host.Peek(created.Name)));
        }));

        tenants.MapPatch("/{name}", (string name, JsonObject patch, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            var settings = await host.UpdateDefinitionAsync(name, patch, cancellationToken);
            return Results.Ok(TenantSummary.From(settings, host.Peek(name)));
        }));

        tenants.MapPost("/{name}/setup", (string name, SetupRequest? request, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            var failure = await host.SetupAsync(name, request?.Recipe, cancellationToken);
            return failure is null ? Results.Ok(TenantSummary.From(host.Find(name)!, host.Peek(name))) : SetupFailed(name, failure);
        }));

        tenants.MapPost("/{name}/disable", (string name, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            await host.SetEnabledAsync(name, enabled: false, cancellationToken);
            return Results.Ok(TenantSummary.From(host.Find(name)!, host.Peek(name)));
        }));

        tenants.MapPost("/{name}/enable", (string name, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            await host.SetEnabledAsync(name, enabled: true, cancellationToken);
            return Results.Ok(TenantSummary.From(host.Find(name)!, host.Peek(name)));
        }));

        tenants.MapPost("/{name}/reload", (string name, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            await host.ReloadAsync(name, cancellationToken);
            return Results.Ok(TenantSummary.From(host.Find(name)!, host.Peek(name)));
        }));

        tenants.MapDelete("/{name}", (string name, string? confirm, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            if (confirm != name)
            {
                return Results.Problem(statusCode: 400, title: "Confirmation required",
                    detail: $"Removing a tenant drops its data after exporting it to App_Data/Removed/. Confirm with '?confirm={name}'.");
            }

            var archive = await host.RemoveAsync(name, cancellationToken);
            return Results.Ok(new { Name = name, Removed = true, ExportedTo = archive });
        }));

        tenants.MapGet("/{name}/export", (string name, ShellHost host, HostPaths paths, TimeProvider clock, CancellationToken cancellationToken) => Guard(() => ArchiveDownload.ExportAsync(host, paths, name, clock.GetUtcNow(), cancellationToken)));

        api.MapPost("/tenants/import", (HttpContext context, string? name, string? provider, string? isolation, string? databaseName, string? urlPrefix, ShellHost host, HostPaths paths, CancellationToken cancellationToken) => Guard(async () =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = null;
            }

            var overrides = new JsonObject();
            Stream? body = null;
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(cancellationToken);
                var file = form.Files.GetFile("archive") ?? (form.Files.Count > 0 ? form.Files[0] : null);
                body = file?.OpenReadStream();
                if (form.TryGetValue("definition", out var definitionText) && !string.IsNullOrWhiteSpace(definitionText))
                {
                    try
                    {
                        overrides = JsonNode.Parse(definitionText.ToString()) as JsonObject
                            ?? throw new TenantOperationException(400, "Invalid definition", "The 'definition' field must be a JSON object.");
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        throw new TenantOperationException(400, "Invalid definition", $"The 'definition' field is not valid JSON: {ex.Message}");
                    }
                }
            }
            else if (context.Request.ContentType?.StartsWith("application/zip", StringComparison.OrdinalIgnoreCase) == true
                || context.Request.ContentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true)
            {
                body = context.Request.Body;
            }

            if (body is null)
            {
                return Results.Problem(statusCode: 400, title: "Archive required",
                    detail: "Send the archive as the body (Content-Type: application/zip) or as the 'archive' file of a multipart form.");
            }

            foreach (var (key, value) in new[] { ("DatabaseProvider", provider), ("DatabaseIsolation", isolation), ("DatabaseName", databaseName), ("UrlPrefix", urlPrefix) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    overrides[key] = value;
                }
            }

            await using var temp = new FileStream(ArchiveDownload.TempFile(paths), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await body.CopyToAsync(temp, cancellationToken);
            temp.Position = 0;
            var imported = await host.ImportAsync(temp, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), overrides, cancellationToken);
            return Results.Created($"/api/tenants/{imported.Name}", TenantSummary.From(imported, host.Peek(imported.Name)));
        })).DisableAntiforgery();

        tenants.MapGet("/{name}/features", (string name, ShellHost host, ModuleCatalog catalog, CancellationToken cancellationToken) => Guard(async () =>
        {
            var enabled = (await host.GetEnabledFeaturesAsync(name, cancellationToken)).Select(f => f.Id).ToHashSet();
            var (applied, errors) = await host.GetMigrationStateAsync(name, cancellationToken);
            return Results.Ok(catalog.Features.Select(f => FeatureState.From(f, enabled.Contains(f.Id), applied, errors)));
        }));

        tenants.MapPost("/{name}/features", (string name, FeatureChangeRequest request, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            var enable = request.Enable ?? [];
            var disable = request.Disable ?? [];
            if (request.DryRun)
            {
                var plan = await host.PlanFeaturesAsync(name, enable, disable, cancellationToken);
                return plan.IsValid
                    ? Results.Ok(FeatureChangeResult.From(plan, applied: false))
                    : Results.Problem(statusCode: 409, title: "Feature change refused", detail: string.Join(" ", plan.Errors));
            }

            var applied = await host.ChangeFeaturesAsync(name, enable, disable, cancellationToken);
            return Results.Ok(FeatureChangeResult.From(applied, applied: !applied.IsEmpty));
        }));

        tenants.MapPatch("/{name}/settings", (string name, JsonObject patch, ShellHost host, CancellationToken cancellationToken) => Guard(async () =>
        {
            await host.UpdateSiteSettingsAsync(name, patch, cancellationToken);
            return Results.NoContent();
        }));
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (TenantOperationException ex)
        {
            return Results.Problem(statusCode: ex.StatusCode, title: ex.Title, detail: ex.Message);
        }
    }

    private static TenantOperationException Unknown(string name) => new(404, "Unknown tenant", $"There is no tenant named '{name}'.");

    private static IResult SetupFailed(string name, SetupFailure failure) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Set-up failed",
        detail: $"Tenant '{name}': recipe '{failure.Recipe}' failed at step {failure.StepIndex + 1} ('{failure.StepName}'): {failure.Message}",
        extensions: new Dictionary<string, object?> { ["setupError"] = failure });
}
