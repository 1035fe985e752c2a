namespace GovPlatform.Contents;

/// <summary>The tenant's content types.</summary>
public interface IContentDefinitionStore
{
    /// <summary>Every type, ordered by code name.</summary>
    Task<IReadOnlyList<ContentTypeDefinition>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The type, or null.</summary>
    Task<ContentTypeDefinition?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks and saves (creates or replaces) a type, audited. Removing a field keeps the values items hold for it;
    /// adding it back shows them again.
    /// </summary>
    Task<ContentResult<ContentTypeDefinition>> SaveAsync(ContentTypeDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Deletes a type that no item uses, audited; refused (with the count) while items of the type exist.</summary>
    Task<ContentResult<ContentTypeDefinition>> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
