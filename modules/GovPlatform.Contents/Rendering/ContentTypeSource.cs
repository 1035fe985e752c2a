using GovPlatform.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Rendering;

/// <summary>The tenant's content types: through <see cref="IContentDefinitionStore"/> when registered, else read from its document.</summary>
internal static class ContentTypeSource
{
    public static async Task<IReadOnlyList<ContentTypeDefinition>> ListAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<IContentDefinitionStore>() is { } store)
        {
            return await store.ListAsync(cancellationToken);
        }

        var document = await services.GetRequiredService<IDocumentStore>().GetAsync<ContentDefinitions>(ContentDefinitions.DocumentId, cancellationToken);
        return document is null ? [] : [.. document.Types.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    public static async Task<ContentTypeDefinition?> GetAsync(IServiceProvider services, string name, CancellationToken cancellationToken) =>
        services.GetService<IContentDefinitionStore>() is { } store
            ? await store.GetAsync(name, cancellationToken)
            : (await ListAsync(services, cancellationToken)).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
