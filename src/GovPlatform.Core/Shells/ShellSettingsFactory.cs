using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Tenants;
using GovPlatform.Data;
using GovPlatform.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GovPlatform.Core.Shells;

/// <summary>
/// Turns a tenant's persisted definition into its effective <see cref="ShellSettings"/>. Layers, lowest first:
/// host <c>GovPlatform:TenantDefaults</c>, the definition, <c>tenants/&lt;name&gt;/appsettings.json</c>,
/// host <c>GovPlatform:Tenants:&lt;name&gt;</c> (appsettings and <c>GovPlatform__Tenants__&lt;name&gt;__…</c> variables).
/// A running shell's configuration also has the tenant's site settings, just under the host overrides.
/// </summary>
public sealed partial class ShellSettingsFactory(IConfiguration hostConfiguration, IOptions<GovPlatformOptions> options, HostPaths paths)
{
    public static readonly IReadOnlySet<string> KnownProviders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        DatabaseProviders.Sqlite, DatabaseProviders.Postgres,
    };

    private readonly GovPlatformOptions _options = options.Value;

    public ShellSettings Create(string name, JsonObject definition, string source)
    {
        var configuration = BuildConfiguration(name, definition, siteSettings: null);
        try
        {
            var bound = configuration.Get<BoundSettings>() ?? new BoundSettings();
            var settings = new ShellSettings
            {
                Name = name,
                State = bound.State,
                DisplayNames = bound.DisplayName,
                HostNames = [.. bound.HostNames.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim().ToLowerInvariant()).Distinct()],
                UrlPrefix = (bound.UrlPrefix ?? "").Trim('/').ToLowerInvariant(),
                DatabaseProvider = KnownProviders.FirstOrDefault(p => p.Equals(bound.DatabaseProvider, StringComparison.OrdinalIgnoreCase)) ?? bound.DatabaseProvider,
                ConnectionString = string.IsNullOrWhiteSpace(bound.ConnectionString) ? _options.Postgres.ConnectionString : bound.ConnectionString,
                DatabaseIsolation = bound.DatabaseIsolation.Equals("Database", StringComparison.OrdinalIgnoreCase) ? "Database" : bound.DatabaseIsolation.Equals("Schema", StringComparison.OrdinalIgnoreCase) ? "Schema" : bound.DatabaseIsolation,
                DatabaseName = string.IsNullOrWhiteSpace(bound.DatabaseName) ? DefaultDatabaseName(name, bound.DatabaseIsolation) : bound.DatabaseName.Trim(),
                Theme = bound.Theme,
                Culture = bound.Culture,
                TimeZone = bound.TimeZone,
                Recipe = bound.Recipe,
                AutoSetup = bound.AutoSetup,
                SetupError = bound.SetupError,
                Source = source,
                Definition = definition,
                Configuration = configuration,
            };
            var error = Validate(settings, bound.Name);
            return error is null ? settings : Invalid(name, definition, source, error) with { UrlPrefix = settings.UrlPrefix, HostNames = settings.HostNames };
        }
        catch (InvalidOperationException ex)
        {
            return Invalid(name, definition, source, ex.Message);
        }
    }

    /// <summary>An unusable definition. It keeps the tenant's name as its URL prefix so its address shows the error page.</summary>
    public static ShellSettings Invalid(string name, JsonObject? definition, string source, string error) => new()
    {
        Name = name,
        UrlPrefix = name != ShellSettings.DefaultTenantName && TenantNames.IsValidSlug(name) ? name : "",
        State = TenantState.Invalid,
        Error = error,
        Source = source,
        Definition = definition ?? new JsonObject { ["Name"] = name },
        Configuration = new ConfigurationBuilder().Build(),
    };

    /// <summary>The configuration a running shell sees: the settings' layers with the tenant's own site settings under the host overrides.</summary>
    public IConfigurationRoot BuildConfiguration(string name, JsonObject definition, JsonObject? siteSettings)
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Snapshot($"{GovPlatformOptions.Section}:TenantDefaults"))
            .AddJsonStream(ToStream(definition));

        var appSettings = Path.Combine(paths.TenantsPath, name, "appsettings.json");
        if (File.Exists(appSettings))
        {
            builder.AddJsonFile(appSettings, optional: true, reloadOnChange: false);
        }

        if (siteSettings is not null)
        {
            builder.AddJsonStream(ToStream(siteSettings));
        }

        return builder
            .AddInMemoryCollection(Snapshot($"{GovPlatformOptions.Section}:Tenants:{name}"))
            .Build();
    }

    /// <summary>
    /// A copy of a host configuration section. A chained (live) section would register a reload callback on the host's
    /// configuration for every shell ever built, which keeps each one's configuration alive after its shell is gone.
    /// </summary>
    private IEnumerable<KeyValuePair<string, string?>> Snapshot(string section) =>
        [.. hostConfiguration.GetSection(section).AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null)];

    private static string? Validate(ShellSettings settings, string? declaredName)
    {
        if (declaredName is not null && declaredName != settings.Name)
        {
            return $"Name '{declaredName}' does not match the tenant's folder or key '{settings.Name}'.";
        }

        if (!settings.IsDefault && TenantNames.ValidateNewName(settings.Name) is { } nameError)
        {
            return nameError;
        }

        if (settings.UrlPrefix.Length > 0 && (!TenantNames.IsValidSlug(settings.UrlPrefix) || TenantNames.Reserved.Contains(settings.UrlPrefix)))
        {
            return $"URL prefix '{settings.UrlPrefix}' must be a lowercase slug and not a reserved word.";
        }

        if (!settings.IsDefault && settings.UrlPrefix.Length == 0 && settings.HostNames.Count == 0)
        {
            return "The tenant has neither a URL prefix nor a host name, so no request can reach it.";
        }

        if (!KnownProviders.Contains(settings.DatabaseProvider))
        {
            return $"Database provider '{settings.DatabaseProvider}' is not supported. Supported: {string.Join(", ", KnownProviders)}.";
        }

        if (settings.DatabaseProvider == DatabaseProviders.Postgres && ValidatePostgres(settings) is { } databaseError)
        {
            return databaseError;
        }

        try
        {
            _ = CultureInfo.GetCultureInfo(settings.Culture, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return $"Culture '{settings.Culture}' is not a known culture.";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            return $"Time zone '{settings.TimeZone}' is not a known IANA time zone.";
        }

        return null;
    }

    /// <summary>The default PostgreSQL schema or database of a tenant: its name in snake case.</summary>
    public static string DefaultDatabaseName(string tenant, string isolation) =>
        (isolation.Equals("Database", StringComparison.OrdinalIgnoreCase) ? "govplatform_" : "") + tenant.Replace('-', '_');

    private static string? ValidatePostgres(ShellSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return "The tenant uses PostgreSQL but has no ConnectionString, and the host has no GovPlatform:Postgres:ConnectionString.";
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            return $"The PostgreSQL connection string is malformed: {ex.Message}";
        }

        if (settings.DatabaseIsolation is not ("Schema" or "Database"))
        {
            return $"DatabaseIsolation '{settings.DatabaseIsolation}' is not supported: use Schema or Database.";
        }

        return PostgresIdentifier().IsMatch(settings.DatabaseName)
            ? null
            : $"DatabaseName '{settings.DatabaseName}' is not a valid PostgreSQL name (lowercase letters, digits and '_', starting with a letter or '_', at most 63).";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostgresIdentifier();

    private static MemoryStream ToStream(JsonObject json) =>
        new(Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false })));

    private sealed class BoundSettings
    {
        public string? Name { get; set; }

        public TenantState State { get; set; } = TenantState.Uninitialized;

        public Dictionary<string, string> DisplayName { get; set; } = [];

        public List<string> HostNames { get; set; } = [];

        public string? UrlPrefix { get; set; }

        public string DatabaseProvider { get; set; } = "Sqlite";

        public string? ConnectionString { get; set; }

        public string DatabaseIsolation { get; set; } = "Schema";

        public string? DatabaseName { get; set; }

        public string Theme { get; set; } = "GovPlatform.Themes.Civic";

        public string Culture { get; set; } = "zh-CN";

        public string TimeZone { get; set; } = "Asia/Shanghai";

        public string? Recipe { get; set; }

        public bool AutoSetup { get; set; }

        public SetupFailure? SetupError { get; set; }
    }
}
