using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Recipes;
using GovPlatform.Core.Shells;
using GovPlatform.Core.Tenants;
using GovPlatform.Security;
using GovPlatform.Themes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovPlatform.Tenants.Admin;

/// <summary>The wizard's work: validates the form, creates the tenant, runs its recipe, gives it its first administrator.</summary>
public sealed partial class TenantCreator(ShellHost host, RecipeCatalog recipes, ModuleCatalog catalog, IOptions<GovPlatformOptions> options, IAuditLog audit)
{
    /// <summary>The recipes a tenant can start from: every recipe but the host's own.</summary>
    public IReadOnlyList<RecipeDescriptor> Templates =>
        [.. recipes.List().Values.Where(r => r.Name != "host").OrderBy(r => r.Name == "street-centre" ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>Public themes a new tenant may use.</summary>
    public IReadOnlyList<FeatureDescriptor> Themes =>
        [.. catalog.Features.Where(f => f.Category == ThemeCategories.Site && !f.DefaultTenantOnly)];

    /// <summary>The tenant's settings, or null.</summary>
    public ShellSettings? Find(string name) => host.Find(name);

    /// <summary>Whether tenants can be put on PostgreSQL (the host has a server configured).</summary>
    public bool PostgresAvailable => !string.IsNullOrWhiteSpace(options.Value.Postgres.ConnectionString);

    public Dictionary<string, string> Validate(NewTenantForm form, bool english)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Error(string field, string en, string zh) => errors[field] = english ? en : zh;

        if (form.Recipe is null || recipes.Find(form.Recipe) is null || form.Recipe == "host")
        {
            Error(nameof(form.Recipe), "Choose a template.", "请选择模板。");
        }

        if (TenantNames.ValidateNewName(form.Name?.Trim()) is not null)
        {
            Error(nameof(form.Name), "Use 2–63 lowercase letters, digits or single dashes, starting with a letter; some names (admin, api…) are reserved.", "请使用 2–63 个小写字母、数字或单个连字符，并以字母开头；admin、api 等名称为保留名称。");
        }
        else if (host.Find(form.Name!.Trim()) is not null)
        {
            Error(nameof(form.Name), "A tenant with this name exists already.", "已存在同名租户。");
        }

        if (string.IsNullOrWhiteSpace(form.NameChinese) || form.NameChinese.Trim().Length > 100)
        {
            Error(nameof(form.NameChinese), "Enter the Chinese name (up to 100 characters).", "请填写中文名称（不超过 100 个字）。");
        }

        if ((form.NameEnglish?.Trim().Length ?? 0) > 100)
        {
            Error(nameof(form.NameEnglish), "The English name is too long.", "英文名称过长。");
        }

        if (form.AddressKind == "host")
        {
            if (string.IsNullOrWhiteSpace(form.HostName) || !HostNamePattern().IsMatch(form.HostName.Trim()))
            {
                Error(nameof(form.HostName), "Enter a host name such as lianhu.example.cn.", "请填写主机名，例如 lianhu.example.cn。");
            }
        }
        else if (form.AddressKind != "prefix")
        {
            Error(nameof(form.AddressKind), "Choose how the site is reached.", "请选择访问方式。");
        }

        if (form.Culture is not ("zh-CN" or "en"))
        {
            Error(nameof(form.Culture), "Choose Chinese or English.", "请选择中文或英文。");
        }

        if (string.IsNullOrWhiteSpace(form.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(form.TimeZone.Trim(), out _))
        {
            Error(nameof(form.TimeZone), "Enter an IANA time zone such as Asia/Shanghai.", "请填写 IANA 时区，例如 Asia/Shanghai。");
        }

        if (form.Theme is null || Themes.All(t => t.Id != form.Theme))
        {
            Error(nameof(form.Theme), "Choose one of the themes listed.", "请从列出的主题中选择。");
        }

        if (form.DatabaseProvider is not ("Sqlite" or "Postgres") || (form.DatabaseProvider == "Postgres" && !PostgresAvailable))
        {
            Error(nameof(form.DatabaseProvider), "Choose a database this host offers.", "请选择本主机提供的数据库。");
        }

        if (string.IsNullOrWhiteSpace(form.AdminUserName) || form.AdminUserName.Trim().Length > 64)
        {
            Error(nameof(form.AdminUserName), "Enter the administrator's user name.", "请填写管理员用户名。");
        }

        if (string.IsNullOrWhiteSpace(form.AdminEmail) || !form.AdminEmail.Contains('@', StringComparison.Ordinal) || form.AdminEmail.Trim().Length > 256)
        {
            Error(nameof(form.AdminEmail), "Enter the administrator's e-mail address (for a forgotten password).", "请填写管理员的电子邮箱（用于找回密码）。");
        }

        if (string.IsNullOrEmpty(form.AdminPassword) || form.AdminPassword.Length < 8)
        {
            Error(nameof(form.AdminPassword), "The password needs at least 8 characters.", "密码至少需要 8 个字符。");
        }

        return errors;
    }

    /// <summary>Creates and sets up the tenant; the errors of a step that failed, or none.</summary>
    public async Task<(string? Failure, IReadOnlyList<string> AdminErrors)> CreateAsync(NewTenantForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var name = form.Name!.Trim();
        var definition = new JsonObject
        {
            ["Name"] = name,
            ["DisplayName"] = new JsonObject { ["zh-CN"] = form.NameChinese!.Trim(), ["en"] = string.IsNullOrWhiteSpace(form.NameEnglish) ? name : form.NameEnglish.Trim() },
            ["UrlPrefix"] = form.AddressKind == "host" ? "" : name,
            ["HostNames"] = form.AddressKind == "host" ? new JsonArray(form.HostName!.Trim().ToLowerInvariant()) : new JsonArray(),
            ["Theme"] = form.Theme,
            ["Culture"] = form.Culture,
            ["TimeZone"] = form.TimeZone!.Trim(),
            ["Recipe"] = form.Recipe,
            ["DatabaseProvider"] = form.DatabaseProvider,
            ["AutoSetup"] = false,
        };

        try
        {
            await host.CreateAsync(definition, cancellationToken);
        }
        catch (TenantOperationException ex)
        {
            return ($"{ex.Title}: {ex.Message}", []);
        }

        await audit.RecordAsync(new AuditEvent("tenants", "create", name, $"Created from {form.Recipe}", After: definition), cancellationToken);
        var setup = await host.SetupAsync(name, form.Recipe, cancellationToken);
        if (setup is not null)
        {
            return ($"Set-up failed: {setup.Message}", []);
        }

        // The theme chosen in the wizard must be on, whatever the recipe enables.
        var enabled = await host.GetEnabledFeaturesAsync(name, cancellationToken);
        if (enabled.All(f => f.Id != form.Theme))
        {
            await host.ChangeFeaturesAsync(name, [form.Theme!], [], cancellationToken);
        }

        var result = await EnsureAdministratorAsync(name, form.AdminUserName!.Trim(), form.AdminEmail?.Trim(), form.AdminPassword!, cancellationToken);
        return (null, result.Errors);
    }

    /// <summary>Creates or resets an administrator inside tenant <paramref name="name"/>.</summary>
    public async Task<AccountResult> EnsureAdministratorAsync(string name, string userName, string? email, string password, CancellationToken cancellationToken)
    {
        var shell = await host.EnterAsync(name, cancellationToken);
        try
        {
            await using var scope = shell.ServiceProvider.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetService<IAdministratorAccounts>();
            if (accounts is null)
            {
                return new AccountResult(false, [CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
                    ? "This tenant has no user accounts (the identity feature is off)."
                    : "该租户没有用户账户功能（身份功能未启用）。"]);
            }

            var result = await accounts.EnsureAdministratorAsync(userName, string.IsNullOrEmpty(email) ? null : email, password, cancellationToken);
            if (result.Succeeded)
            {
                await audit.RecordAsync(new AuditEvent("tenants", "set-administrator", name, $"Administrator {userName}"), cancellationToken);
            }

            return result;
        }
        finally
        {
            shell.Exit();
        }
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HostNamePattern();
}
