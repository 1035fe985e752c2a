namespace Acme.Parking;

/// <summary>The module's names in one place, so the manifest, the endpoints, the migrations and the tests agree.</summary>
public static class ModuleInfo
{
    /// <summary>The module id, which is also its main feature's id and the prefix of its permissions.</summary>
    public const string Id = "Acme.Parking";

    /// <summary>The module's version: keep it equal to the package's &lt;Version&gt;.</summary>
    public const string Version = "1.0.0";

    /// <summary>Every table of the module starts with it, so modules never collide in a tenant's database.</summary>
    public const string TablePrefix = "acme_parking_";

    /// <summary>The page, relative to the tenant.</summary>
    public const string PagePath = "/acme-parking";

    /// <summary>The JSON API, relative to the tenant.</summary>
    public const string StatusPath = "/api/acme-parking/status";
}
