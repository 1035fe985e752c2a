using System.Text.Json.Nodes;
using GovPlatform.Tenants;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Core.Shells;

/// <summary>
/// A tenant's effective definition: its persisted JSON definition merged with host defaults, its own
/// appsettings.json and host overrides, then bound and validated. Immutable; a change makes a new instance.
/// </summary>
public sealed record ShellSettings
{
    public const string DefaultTenantName = "default";

    public required string Name { get; init; }

    public TenantState State { get; init; }

    public IReadOnlyDictionary<string, string> DisplayNames { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> HostNames { get; init; } = [];

    /// <summary>URL prefix without slashes; empty when the tenant answers at the root of its host names.</summary>
    public string UrlPrefix
    {
        get;
        init
        {
            field = value;
            PrefixPath = value.Length == 0 ? "" : "/" + value;
        }
    } = "";

    /// <summary>The prefix as a request's PathBase ("/zhanqian"), or empty; made once, not per request.</summary>
    public string PrefixPath { get; private init; } = "";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string DatabaseProvider { get; init; } = "Sqlite";

    /// <summary>PostgreSQL: the server to use; without it, the host's <c>GovPlatform:Postgres:ConnectionString</c>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>PostgreSQL: <c>Schema</c> (default: a schema per tenant) or <c>Database</c> (a database per tenant).</summary>
    public string DatabaseIsolation { get; init; } = "Schema";

    /// <summary>PostgreSQL: the tenant's schema (schema isolation) or database (database isolation).</summary>
    public string DatabaseName { get; init; } = "";

    public string Theme { get; init; } = "";

    public string Culture { get; init; } = "zh-CN";

    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>Name of the recipe that sets the tenant up.</summary>
    public string? Recipe { get; init; }

    /// <summary>Run the recipe on the tenant's first request instead of waiting for a host administrator.</summary>
    public bool AutoSetup { get; init; }

    /// <summary>The last set-up failure, kept until a set-up succeeds.</summary>
    public SetupFailure? SetupError { get; init; }

    /// <summary>Why the definition is unusable, when <see cref="State"/> is <see cref="TenantState.Invalid"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Where the definition came from (a tenant.json path, or the host store).</summary>
    public string Source { get; init; } = "";

    /// <summary>The persisted definition, as stored; edits start from it.</summary>
    public required JsonObject Definition { get; init; }

    /// <summary>Configuration without the tenant's site settings (host defaults, definition, appsettings, overrides).</summary>
    public required IConfiguration Configuration { get; init; }

    public bool IsDefault => Name == DefaultTenantName;

    public string DisplayName => DisplayNames.GetValueOrDefault(Culture) ?? DisplayNames.Values.FirstOrDefault() ?? Name;

    public string GetDisplayName(string culture) =>
        DisplayNames.GetValueOrDefault(culture)
        ?? DisplayNames.FirstOrDefault(p => p.Key.StartsWith(culture.Split('-')[0], StringComparison.OrdinalIgnoreCase)).Value
        ?? DisplayName;

    public override string ToString() => $"{Name} ({State})";
}
