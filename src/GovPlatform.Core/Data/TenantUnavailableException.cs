namespace GovPlatform.Core.Data;

/// <summary>The tenant's database cannot be reached just now; its requests get a 503 until it is back.</summary>
public sealed class TenantUnavailableException(string tenant, Exception inner)
    : Exception($"The database of tenant '{tenant}' is unavailable: {inner.Message}", inner)
{
    public string Tenant { get; } = tenant;
}
