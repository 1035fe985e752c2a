namespace GovPlatform.Tenants.Admin;

/// <summary>The second step of the set-up wizard, as posted.</summary>
public sealed class NewTenantForm
{
    public string? Recipe { get; set; }

    public string? Name { get; set; }

    public string? NameChinese { get; set; }

    public string? NameEnglish { get; set; }

    /// <summary><c>prefix</c> (answers at /name) or <c>host</c> (answers at its own host name).</summary>
    public string? AddressKind { get; set; } = "prefix";

    public string? HostName { get; set; }

    public string? Culture { get; set; } = "zh-CN";

    public string? TimeZone { get; set; } = "Asia/Shanghai";

    public string? Theme { get; set; }

    public string? DatabaseProvider { get; set; } = "Sqlite";

    public string? AdminUserName { get; set; }

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
