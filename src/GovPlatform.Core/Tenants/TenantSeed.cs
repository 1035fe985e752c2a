using System.Text.Json.Nodes;

namespace GovPlatform.Core.Tenants;

/// <summary>A tenant definition read from <c>tenants/&lt;name&gt;/tenant.json</c>, or why it could not be read.</summary>
public sealed record TenantSeed(string Name, string Path, JsonObject? Definition, string? Error);
