namespace GovPlatform.Core.Notifications;

/// <summary>What happened to a tenant.</summary>
public enum TenantChangeKind
{
    Created,
    SettingsChanged,
    FeaturesChanged,
    StateChanged,
    Reloaded,
    Removed,
}

/// <summary>A tenant change, announced to every node of the host.</summary>
public sealed record TenantChange(TenantChangeKind Kind, string Tenant, string OriginNode, DateTimeOffset AtUtc);
