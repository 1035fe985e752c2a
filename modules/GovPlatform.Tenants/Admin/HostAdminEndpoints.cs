using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants.AdminPages;
using GovPlatform.Tenants.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Tenants.Admin;

/// <summary>The host admin in the Default tenant: <c>/admin/tenants</c> and the first-run <c>/admin/setup</c>.</summary>
internal static class HostAdminEndpoints
{
    private const int PageSize = 50;

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        MapSetup(endpoints);
        var tenants = endpoints.MapGroup("/admin/tenants").RequirePermission(HostPermissions.ManageTenants);

        tenants.MapGetShared("", (string? q, int? page, string? done, string? name, string? archive, ShellHost host) =>
        {
            var all = host.Tenants.Where(t => !t.IsDefault).ToList();
            var filtered = string.IsNullOrWhiteSpace(q)
                ? all
                : [.. all.Where(t => t.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)
                    || t.DisplayNames.Values.Any(d => d.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)))];
            var current = Math.Max(1, page ?? 1);
            var rows = filtered.Skip((current - 1) * PageSize).Take(PageSize).Select(t => (t, host.Peek(t.Name))).ToList();
            return new RazorComponentResult<TenantsPage>(new
            {
                Rows = rows,
                Total = filtered.Count,
                Page = current,
                PageSize,
                Query = q,
                Done = done,
                DoneName = name,
                Archive = archive,
            });
        });

        tenants.MapPostShared("/{name}/state", async (string name, [FromForm] string change, ShellHost host, IAuditLog audit, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (host.Find(name) is null)
            {
                return Results.NotFound();
            }

            try
            {
                switch (change)
                {
                    case "disable":
                        await host.SetEnabledAsync(name, enabled: false, cancellationToken);
                        break;
                    case "enable":
                        await host.SetEnabledAsync(name, enabled: true, cancellationToken);
                        break;
                    case "reload":
                        await host.ReloadAsync(name, cancellationToken);
                        break;
                    default:
                        return Results.BadRequest();
                }
            }
            catch (TenantOperationException ex)
            {
                return Results.LocalRedirect(context.TenantPath($"admin/tenants?done=refused&name={Uri.EscapeDataString(name)}&archive={Uri.EscapeDataString(ex.Message)}"));
            }

            await audit.RecordAsync(new AuditEvent("tenants", change, name), cancellationToken);
            return Results.LocalRedirect(context.TenantPath($"admin/tenants?done={change}&name={Uri.EscapeDataString(name)}"));
        });

        tenants.MapGetShared("/{name}/export", async (string name, ShellHost host, HostPaths paths, TimeProvider clock, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            if (host.Find(name) is null)
            {
                return Results.NotFound();
            }

            var download = await ArchiveDownload.ExportAsync(host, paths, name, clock.GetUtcNow(), cancellationToken);
            await audit.RecordAsync(new AuditEvent("tenants", "export", name), cancellationToken);
            return download;
        });

        tenants.MapGetShared("/{name}/remove", (string name, ShellHost host) =>
            host.Find(name) is { } settings
                ? (IResult)new RazorComponentResult<RemoveTenantPage>(new { Settings = settings, Error = (string?)null })
                : Results.NotFound());

        tenants.MapPostShared("/{name}/remove", async (string name, [FromForm] string? confirmName, ShellHost host, IAuditLog audit, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (host.Find(name) is not { } settings)
            {
                return Results.NotFound();
            }

            if (!string.Equals(confirmName?.Trim(), name, StringComparison.Ordinal))
            {
                return new RazorComponentResult<RemoveTenantPage>(new
                {
                    Settings = settings,
                    Error = English ? "Type the tenant's name exactly to confirm." : "请准确输入租户名称以确认。",
                })
                { StatusCode = StatusCodes.Status400BadRequest };
            }

            string? archive;
            try
            {
                archive = await host.RemoveAsync(name, cancellationToken);
            }
            catch (TenantOperationException ex)
            {
                return new RazorComponentResult<RemoveTenantPage>(new { Settings = settings, Error = $"{ex.Title}: {ex.Message}" })
                { StatusCode = ex.StatusCode };
            }

            await audit.RecordAsync(new AuditEvent("tenants", "remove", name, archive is null ? null : $"Archived to {archive}"), cancellationToken);
            return Results.LocalRedirect(context.TenantPath(
                $"admin/tenants?done=removed&name={Uri.EscapeDataString(name)}&archive={Uri.EscapeDataString(Path.GetFileName(archive ?? ""))}"));
        });

        tenants.MapGetShared("/{name}/administrator", (string name, ShellHost host) =>
            host.Find(name) is { } settings
                ? (IResult)new RazorComponentResult<SetAdministratorPage>(new { Settings = settings, Errors = (IReadOnlyList<string>)[] })
                : Results.NotFound());

        tenants.MapPostShared("/{name}/administrator", async (string name, [FromForm] string? userName, [FromForm] string? email, [FromForm] string? password,
            ShellHost host, [FromServices] TenantCreator creator, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (host.Find(name) is not { } settings)
            {
                return Results.NotFound();
            }

            if (settings.State != GovPlatform.Tenants.TenantState.Running)
            {
                return new RazorComponentResult<SetAdministratorPage>(new
                {
                    Settings = settings,
                    Errors = (IReadOnlyList<string>)[English ? "The tenant is not running." : "该租户未在运行。"],
                })
                { StatusCode = StatusCodes.Status409Conflict };
            }

            var result = string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)
                ? new AccountResult(false, [English ? "Enter a user name, an e-mail address and a password." : "请填写用户名、电子邮箱和密码。"])
                : await creator.EnsureAdministratorAsync(name, userName.Trim(), email?.Trim(), password, cancellationToken);
            return result.Succeeded
                ? Results.LocalRedirect(context.TenantPath($"admin/tenants?done=administrator&name={Uri.EscapeDataString(name)}"))
                : new RazorComponentResult<SetAdministratorPage>(new { Settings = settings, Errors = result.Errors }) { StatusCode = StatusCodes.Status400BadRequest };
        });

        tenants.MapGetShared("/new", (string? recipe, [FromServices] TenantCreator creator) =>
            new RazorComponentResult<NewTenantPage>(new
            {
                Creator = creator,
                Form = new NewTenantForm { Recipe = recipe, Theme = creator.Themes.Count > 0 ? creator.Themes[0].Id : null },
                Errors = new Dictionary<string, string>(),
                Failure = (string?)null,
            }));

        tenants.MapPostShared("/new", async ([FromForm] NewTenantForm form, [FromServices] TenantCreator creator, HttpContext context, CancellationToken cancellationToken) =>
        {
            var errors = creator.Validate(form, English);
            if (errors.Count > 0)
            {
                return (IResult)new RazorComponentResult<NewTenantPage>(new { Creator = creator, Form = form, Errors = errors, Failure = (string?)null })
                { StatusCode = StatusCodes.Status400BadRequest };
            }

            var (failure, adminErrors) = await creator.CreateAsync(form, cancellationToken);
            if (failure is not null)
            {
                return new RazorComponentResult<NewTenantPage>(new { Creator = creator, Form = form, Errors = errors, Failure = failure })
                { StatusCode = StatusCodes.Status400BadRequest };
            }

            var name = form.Name!.Trim();
            if (adminErrors.Count > 0)
            {
                // The tenant stands; only its administrator is missing: ask again on the administrator page.
                return new RazorComponentResult<SetAdministratorPage>(new { Settings = creator.Find(name)!, Errors = adminErrors })
                { StatusCode = StatusCodes.Status400BadRequest };
            }

            return Results.LocalRedirect(context.TenantPath($"admin/tenants?done=created&name={Uri.EscapeDataString(name)}"));
        });
    }

    private static void MapSetup(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/admin/setup", async (string? token, [FromServices] HostSetupToken tokens, [FromServices] IAdministratorAccounts accounts, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (await accounts.AnyAdministratorAsync(cancellationToken))
            {
                return (IResult)Results.LocalRedirect(context.TenantPath("account/login"));
            }

            tokens.GetOrCreate($"{context.Request.Scheme}://{context.Request.Host}{context.TenantPath("admin/setup")}");
            return new RazorComponentResult<HostSetupPage>(new { Token = token, UserName = (string?)null, Email = (string?)null, Errors = (IReadOnlyList<string>)[] });
        }).RequireRateLimiting(RateLimitPolicies.SignIn);

        endpoints.MapPostShared("/admin/setup", async ([FromForm] string? token, [FromForm] string? userName, [FromForm] string? email, [FromForm] string? password,
            [FromServices] HostSetupToken tokens, [FromServices] IAdministratorAccounts accounts, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (await accounts.AnyAdministratorAsync(cancellationToken))
            {
                return (IResult)Results.LocalRedirect(context.TenantPath("account/login"));
            }

            IReadOnlyList<string> errors;
            if (!tokens.Matches(token))
            {
                errors = [English ? "The setup token is not right. Copy it from the host's log or from App_Data/host-setup-token." : "设置令牌不正确。请从主机日志或 App_Data/host-setup-token 中复制。"];
            }
            else if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            {
                errors = [English ? "Enter a user name, an e-mail address and a password." : "请填写用户名、电子邮箱和密码。"];
            }
            else
            {
                var result = await accounts.EnsureAdministratorAsync(userName.Trim(), string.IsNullOrWhiteSpace(email) ? null : email.Trim(), password, cancellationToken);
                if (result.Succeeded)
                {
                    tokens.Consume();
                    return Results.LocalRedirect(context.TenantPath($"account/login?returnUrl={Uri.EscapeDataString(context.TenantPath("admin"))}"));
                }

                errors = result.Errors;
            }

            return new RazorComponentResult<HostSetupPage>(new { Token = token, UserName = userName, Email = email, Errors = errors })
            { StatusCode = StatusCodes.Status400BadRequest };
        }).RequireRateLimiting(RateLimitPolicies.SignIn);
    }
}
