using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace GovPlatform.Core.Shells;

/// <summary>
/// The shell's <see cref="EndpointDataSource"/> service (link generation, the authorisation policy cache, modules that
/// read the routes): the endpoints its pipeline routes to, which may be shared with other shells. Set when the pipeline
/// is built, before anything reads it.
/// </summary>
internal sealed class ShellEndpoints : EndpointDataSource
{
    public EndpointDataSource? Source { get; set; }

    public override IReadOnlyList<Endpoint> Endpoints => Source?.Endpoints ?? [];

    public override IChangeToken GetChangeToken() => Source?.GetChangeToken() ?? NullChangeToken.Singleton;
}

/// <summary>The route builder handed to features' <c>Configure</c>: the shell's container, and data sources to keep or drop.</summary>
internal sealed class ShellEndpointRouteBuilder(IServiceProvider services, ICollection<EndpointDataSource> dataSources) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources { get; } = dataSources;

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
}

/// <summary>
/// Data sources of a shell whose features' endpoints are already shared: the features' <c>Configure</c> still runs (it may
/// add middleware), and what it maps is dropped.
/// </summary>
internal sealed class DiscardedDataSources : ICollection<EndpointDataSource>
{
    public int Count => 0;

    public bool IsReadOnly => false;

    public void Add(EndpointDataSource item)
    {
    }

    public void Clear()
    {
    }

    public bool Contains(EndpointDataSource item) => false;

    public void CopyTo(EndpointDataSource[] array, int arrayIndex)
    {
    }

    public bool Remove(EndpointDataSource item) => false;

    public IEnumerator<EndpointDataSource> GetEnumerator() => Enumerable.Empty<EndpointDataSource>().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
