namespace GovPlatform.Core.Data.Migrations;

/// <summary>A feature's migration failed and was rolled back; the feature stays disabled.</summary>
public sealed class MigrationFailedException(string featureId, long version, string description, Exception inner)
    : Exception($"Migration {version} ({description}) of feature '{featureId}' failed and was rolled back: {inner.GetBaseException().Message}", inner)
{
    public string FeatureId { get; } = featureId;

    public long Version { get; } = version;
}
