namespace GovPlatform.Core.Hosting;

/// <summary>Host-level options, section <c>GovPlatform</c>.</summary>
public sealed class GovPlatformOptions
{
    public const string Section = "GovPlatform";

    /// <summary>Folder of the host's own data and each tenant's files; relative paths are under the content root.</summary>
    public string DataRoot { get; set; } = "App_Data";

    /// <summary>Folder of tenant definitions (<c>&lt;name&gt;/tenant.json</c>) and their recipes; relative to the app's base directory.</summary>
    public string TenantsPath { get; set; } = "tenants";

    /// <summary>More folders searched (with sub-folders) for <c>recipe.json</c> and <c>*.recipe.json</c> files.</summary>
    public List<string> RecipePaths { get; set; } = [];

    /// <summary>Release a tenant's shell after this long without requests; it is rebuilt on the next. Null or zero: never.</summary>
    public TimeSpan? ShellIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often idle shells are looked for.</summary>
    public TimeSpan IdleScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the modules' background tasks are looked at in the running shells; it bounds their precision. Zero or
    /// negative: background tasks never run.
    /// </summary>
    public TimeSpan BackgroundTaskTick { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Header API clients send to name their tenant when neither host name nor prefix does.</summary>
    public string TenantHeader { get; set; } = "X-Tenant";

    /// <summary>Bootstrap credential for the host management API until host-admin accounts exist.</summary>
    public string? HostApiKey { get; set; }

    /// <summary>
    /// Check every scoped-service resolution in the shells' containers (a scoped service taken from the root, or by a
    /// singleton). Null: in Development only, as the ASP.NET Core host does; it costs time on every request.
    /// </summary>
    public bool? ValidateShellScopes { get; set; }

    /// <summary>The host's PostgreSQL server: the default for tenants whose provider is Postgres.</summary>
    public PostgresOptions Postgres { get; set; } = new();

    /// <summary>Identifies this node in tenant-change notifications.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}

/// <summary>Host-level PostgreSQL options, section <c>GovPlatform:Postgres</c>.</summary>
public sealed class PostgresOptions
{
    /// <summary>Npgsql connection string of the default server; a tenant's own <c>ConnectionString</c> overrides it.</summary>
    public string? ConnectionString { get; set; }
}
