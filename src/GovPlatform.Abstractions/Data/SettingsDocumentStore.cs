namespace GovPlatform.Data;

/// <summary>
/// A module's rules kept as one document of the tenant (its type carries the <see cref="DocumentAttribute"/>): read once
/// per scope, the defaults of a new <typeparamref name="T"/> when never saved. Register the derived store as scoped.
/// </summary>
/// <typeparam name="T">The settings' type.</typeparam>
/// <param name="documents">The tenant's documents.</param>
/// <param name="id">The document's id within its type (<c>settings</c>).</param>
public abstract class SettingsDocumentStore<T>(IDocumentStore documents, string id)
    where T : class, new()
{
    private T? _current;

    /// <summary>The saved settings, or the defaults.</summary>
    public async ValueTask<T> GetAsync(CancellationToken cancellationToken = default) =>
        _current ??= await documents.GetAsync<T>(id, cancellationToken) ?? new T();

    /// <summary>Stages the settings; the caller saves the context (and so decides the transaction).</summary>
    public async Task SaveAsync(T settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await documents.SaveAsync(id, settings, cancellationToken);
        _current = settings;
    }
}
