using GovPlatform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GovPlatform.Core.Data;

/// <summary>
/// Tenants with the same enabled feature models share one compiled EF Core model: the key is the set of models, not
/// the tenant. The schema is the connection's search path, so it is not part of the model.
/// </summary>
public sealed class TenantModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is TenantDbContext tenant ? (context.GetType(), tenant.ModelKey, designTime) : (context.GetType(), designTime);
}
