using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Modules;

/// <summary>Base class of a feature's startup: registers the feature's services and endpoints in each tenant that enables it.</summary>
public abstract class ModuleStartup
{
    /// <summary>Order among startups; lower runs first (after dependencies are honoured).</summary>
    public virtual int Order => 0;

    /// <summary>Registers the feature's services in the tenant's container.</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Adds the feature's middleware and endpoints to the tenant's pipeline, which is built once per shell.</summary>
    public virtual void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
    }
}
