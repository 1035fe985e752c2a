using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Shells;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Admin.Services;

/// <summary>Reads the tenant's site settings into the form, validates a posted form and applies it, audited.</summary>
public sealed partial class SiteSettingsEditor(ShellHost host, ModuleCatalog catalog, ITenant tenant, IThemeSelector themes, IAuditLog audit, SiteLogo logo)
{
    /// <summary>The cultures a site can default to.</summary>
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en"];

    /// <summary>Time zones offered first; any IANA id is accepted.</summary>
    public static readonly IReadOnlyList<string> CommonTimeZones = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "UTC"];

    /// <summary>Public themes the tenant may choose.</summary>
    public IReadOnlyList<FeatureDescriptor> ThemeChoices =>
        [.. catalog.Features.Where(f => f.Category == ThemeCategories.Site && (!f.DefaultTenantOnly || tenant.IsDefault))];

    public SettingsForm Current()
    {
        var settings = host.Find(tenant.Name) ?? throw new InvalidOperationException($"Tenant {tenant.Name} is gone.");
        var flags = FlagValues();
        return new SettingsForm
        {
            NameChinese = settings.DisplayNames.GetValueOrDefault("zh-CN") ?? settings.DisplayName,
            NameEnglish = settings.DisplayNames.GetValueOrDefault("en") ?? "",
            Theme = themes.Site.Id,
            Culture = settings.Culture,
            TimeZone = settings.TimeZone,
            Flags = [.. flags.Where(f => f.Value).Select(f => f.Key)],
            KnownFlags = [.. flags.Keys],
        };
    }

    /// <summary>Field errors by field name ("" for the form); empty when the form is valid.</summary>
    public Dictionary<string, string> Validate(SettingsForm form, IFormFile? logoUpload, bool english)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SiteLogo.Validate(logoUpload, english) is { } logoError)
        {
            errors["Logo"] = logoError;
        }

        if (string.IsNullOrWhiteSpace(form.NameChinese) || form.NameChinese.Trim().Length > 100)
        {
            errors[nameof(form.NameChinese)] = english ? "Enter the Chinese name (up to 100 characters)." : "请填写中文名称（不超过 100 个字）。";
        }

        if ((form.NameEnglish?.Trim().Length ?? 0) > 100)
        {
            errors[nameof(form.NameEnglish)] = english ? "The English name is too long (up to 100 characters)." : "英文名称过长（不超过 100 个字符）。";
        }

        if (form.Theme is null || ThemeChoices.All(t => t.Id != form.Theme))
        {
            errors[nameof(form.Theme)] = english ? "Choose one of the themes listed." : "请从列出的主题中选择。";
        }

        if (form.Culture is null || !Cultures.Contains(form.Culture))
        {
            errors[nameof(form.Culture)] = english ? "Choose Chinese or English." : "请选择中文或英文。";
        }

        if (string.IsNullOrWhiteSpace(form.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(form.TimeZone.Trim(), out _))
        {
            errors[nameof(form.TimeZone)] = english ? "Enter an IANA time zone such as Asia/Shanghai." : "请填写 IANA 时区，例如 Asia/Shanghai。";
        }

        if (!string.IsNullOrWhiteSpace(form.NewFlag) && !FlagName().IsMatch(form.NewFlag.Trim()))
        {
            errors[nameof(form.NewFlag)] = english
                ? "A flag name has letters, digits, dots, dashes and underscores only, up to 100."
                : "开关名称只能包含字母、数字、点、连字符和下划线，不超过 100 个字符。";
        }

        return errors;
    }

    /// <summary>Applies a valid form: the definition (name, theme, culture, time zone), the theme's feature, the flags.</summary>
    public async Task ApplyAsync(SettingsForm form, IFormFile? logoUpload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var before = Snapshot(Current());
        before["Logo"] = logo.Current?.Version;

        var definition = new JsonObject
        {
            ["DisplayName"] = new JsonObject { ["zh-CN"] = form.NameChinese!.Trim(), ["en"] = form.NameEnglish?.Trim() ?? "" },
            ["Theme"] = form.Theme,
            ["Culture"] = form.Culture,
            ["TimeZone"] = form.TimeZone!.Trim(),
        };

        // Audit first, in this shell: the changes below build a new one for the next requests.
        var flags = new JsonObject();
        foreach (var known in form.KnownFlags.Distinct(StringComparer.Ordinal))
        {
            flags[known] = form.Flags.Contains(known);
        }

        if (!string.IsNullOrWhiteSpace(form.NewFlag))
        {
            flags[form.NewFlag.Trim()] = true;
        }

        var after = new JsonObject
        {
            ["NameChinese"] = form.NameChinese.Trim(),
            ["NameEnglish"] = form.NameEnglish?.Trim() ?? "",
            ["Theme"] = form.Theme,
            ["Culture"] = form.Culture,
            ["TimeZone"] = form.TimeZone.Trim(),
            ["Flags"] = flags.DeepClone(),
        };

        // The logo: a new upload replaces it, "remove" takes it away; the site settings say which version to show.
        JsonNode? logoSetting = null;
        var logoChanged = false;
        if (logoUpload is { Length: > 0 })
        {
            var (type, version) = await logo.SaveAsync(logoUpload, cancellationToken);
            logoSetting = new JsonObject { ["Type"] = type, ["Version"] = version };
            logoChanged = true;
            after["Logo"] = version;
        }
        else if (form.RemoveLogo && logo.Current is not null)
        {
            logo.Remove();
            logoChanged = true;
            after["Logo"] = null;
        }
        else
        {
            after["Logo"] = logo.Current?.Version;
        }

        await audit.RecordAsync(new AuditEvent("settings", "update", tenant.Name, "Site settings changed / 修改站点设置", before, after), cancellationToken);

        var enabled = (await host.GetEnabledFeaturesAsync(tenant.Name, cancellationToken)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        if (!enabled.Contains(form.Theme!))
        {
            await host.ChangeFeaturesAsync(tenant.Name, [form.Theme!], [], cancellationToken);
        }

        await host.UpdateDefinitionAsync(tenant.Name, definition, cancellationToken);
        var sitePatch = new JsonObject();
        if (flags.Count > 0)
        {
            sitePatch["FeatureManagement"] = flags;
        }

        if (logoChanged)
        {
            sitePatch["Site"] = new JsonObject { ["Logo"] = logoSetting };
        }

        if (sitePatch.Count > 0)
        {
            await host.UpdateSiteSettingsAsync(tenant.Name, sitePatch, cancellationToken);
        }
    }

    private Dictionary<string, bool> FlagValues()
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var flag in tenant.Settings.GetSection("FeatureManagement").GetChildren())
        {
            // Only plain on/off flags are edited here; flags with filters are left to recipes.
            if (bool.TryParse(flag.Value, out var on))
            {
                result[flag.Key] = on;
            }
        }

        return result;
    }

    private static JsonObject Snapshot(SettingsForm form) => new()
    {
        ["NameChinese"] = form.NameChinese,
        ["NameEnglish"] = form.NameEnglish,
        ["Theme"] = form.Theme,
        ["Culture"] = form.Culture,
        ["TimeZone"] = form.TimeZone,
        ["Flags"] = new JsonObject(form.KnownFlags.Select(f => KeyValuePair.Create(f, (JsonNode?)JsonValue.Create(form.Flags.Contains(f))))),
    };

    /// <summary>Whether the current UI culture is English.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex FlagName();
}
