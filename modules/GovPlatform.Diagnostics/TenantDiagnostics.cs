namespace GovPlatform.Diagnostics;

/// <summary>The diagnostics answer.</summary>
public sealed record TenantDiagnostics(string Tenant, string DisplayName, string State, string UrlPrefix, string Culture, string TimeZone, IReadOnlyList<FeatureDiagnostics> Features);

/// <summary>One enabled feature.</summary>
public sealed record FeatureDiagnostics(string Id, string Name, string Module);
