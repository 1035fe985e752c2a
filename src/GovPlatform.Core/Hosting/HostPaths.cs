using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Hosting;

/// <summary>The host's folders, resolved once from <see cref="GovPlatformOptions"/>.</summary>
public sealed class HostPaths
{
    public HostPaths(IOptions<GovPlatformOptions> options, IWebHostEnvironment environment)
    {
        var value = options.Value;
        DataRoot = Path.GetFullPath(value.DataRoot, environment.ContentRootPath);
        TenantsPath = Path.GetFullPath(value.TenantsPath, AppContext.BaseDirectory);
        RecipePaths = [TenantsPath, .. value.RecipePaths.Select(p => Path.GetFullPath(p, AppContext.BaseDirectory))];
    }

    /// <summary>The host's data folder (its tenant store, and <c>Sites/&lt;tenant&gt;/</c>).</summary>
    public string DataRoot { get; }

    /// <summary>The folder of seeded tenant definitions.</summary>
    public string TenantsPath { get; }

    /// <summary>Folders searched for recipes.</summary>
    public IReadOnlyList<string> RecipePaths { get; }

    /// <summary>The folder of one tenant's files.</summary>
    public string TenantDataPath(string tenant) => Path.Combine(DataRoot, "Sites", tenant);
}
