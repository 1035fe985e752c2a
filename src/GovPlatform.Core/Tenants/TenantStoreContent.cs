using System.Text.Json.Nodes;

namespace GovPlatform.Core.Tenants;

/// <summary>What the host store holds: tenant definitions by name, and the names of removed tenants.</summary>
public sealed record TenantStoreContent(Dictionary<string, JsonObject> Definitions, HashSet<string> Removed);
