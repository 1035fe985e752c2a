using GovPlatform.Core.Modules;

namespace GovPlatform.Admin.Services;

/// <summary>A feature as the features page lists it.</summary>
public sealed record FeatureRow(FeatureDescriptor Feature, bool Enabled, long? SchemaVersion, string? MigrationError)
{
    /// <summary>Always-enabled features cannot be switched off.</summary>
    public bool Locked => Feature.AlwaysEnabled;
}
