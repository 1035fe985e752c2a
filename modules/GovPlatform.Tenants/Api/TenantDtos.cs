using GovPlatform.Core.Modules;
using GovPlatform.Core.Shells;

namespace GovPlatform.Tenants.Api;

/// <summary>A tenant as the host API shows it.</summary>
public sealed record TenantSummary(
    string Name,
    IReadOnlyDictionary<string, string> DisplayName,
    string State,
    string UrlPrefix,
    IReadOnlyList<string> HostNames,
    string? Recipe,
    string Culture,
    string TimeZone,
    string Theme,
    string Source,
    string? Error,
    SetupFailure? SetupError,
    TenantDatabaseSummary Database,
    bool ShellActive,
    DateTimeOffset? ShellActivatedUtc)
{
    public static TenantSummary From(ShellSettings settings, ShellContext? shell) => new(
        settings.Name,
        settings.DisplayNames,
        settings.State.ToString(),
        settings.UrlPrefix,
        settings.HostNames,
        settings.Recipe,
        settings.Culture,
        settings.TimeZone,
        settings.Theme,
        settings.Source,
        settings.Error,
        settings.SetupError,
        new TenantDatabaseSummary(
            settings.DatabaseProvider,
            settings.DatabaseProvider == "Postgres" ? settings.DatabaseIsolation : null,
            settings.DatabaseProvider == "Postgres" ? settings.DatabaseName : null),
        shell is { IsReleased: false },
        shell?.ActivatedUtc);
}

/// <summary>Where a tenant's data is: provider, and on PostgreSQL the isolation and schema or database name (never the connection string).</summary>
public sealed record TenantDatabaseSummary(string Provider, string? Isolation, string? Name);

/// <summary>A feature, whether the tenant has it on, its schema version and its last migration error.</summary>
public sealed record FeatureState(
    string Id, string Name, string Module, string Category, string Description, IReadOnlyList<string> Dependencies, bool DefaultTenantOnly, bool AlwaysEnabled, bool Enabled,
    long? SchemaVersion, long? LatestSchemaVersion, string? MigrationError)
{
    public static FeatureState From(FeatureDescriptor feature, bool enabled, IReadOnlyDictionary<string, long> applied, System.Text.Json.Nodes.JsonObject errors) => new(
        feature.Id, feature.Name, feature.ModuleId, feature.Category, feature.Description, feature.Dependencies, feature.DefaultTenantOnly, feature.AlwaysEnabled, enabled,
        applied.TryGetValue(feature.Id, out var version) ? version : null,
        feature.Migrations.Count > 0 ? feature.Migrations[^1].Version : null,
        (string?)errors[feature.Id]?["error"]);
}

/// <summary>A feature change request; with <c>DryRun</c> only the plan is returned.</summary>
public sealed record FeatureChangeRequest(string[]? Enable, string[]? Disable, bool DryRun);

/// <summary>What a feature change enables and disables, dependencies and dependents included.</summary>
public sealed record FeatureChangeResult(bool Applied, IReadOnlyList<string> Enable, IReadOnlyList<string> Disable, IReadOnlyList<string> Result, IReadOnlyList<string> Errors)
{
    public static FeatureChangeResult From(FeaturePlan plan, bool applied) => new(
        applied, [.. plan.ToEnable.Select(f => f.Id)], [.. plan.ToDisable.Select(f => f.Id)], [.. plan.Result.Select(f => f.Id)], plan.Errors);
}

/// <summary>Set-up request: the recipe to run, or the tenant's own when null.</summary>
public sealed record SetupRequest(string? Recipe);
