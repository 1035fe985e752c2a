using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Data;

/// <summary>
/// Adds a feature's entities to the tenant's EF Core model (<see cref="TenantDbContext"/>). Found by the module scan
/// and used only while its feature is enabled. Names are mapped to snake_case; tables come from the feature's migrations.
/// </summary>
public interface IDataModel
{
    /// <summary>Configures the feature's entities.</summary>
    void Configure(ModelBuilder modelBuilder);
}
