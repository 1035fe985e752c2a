using System.Reflection;
using System.Text.Json;
using GovPlatform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Core.Data;

/// <summary>
/// <see cref="IDocumentStore"/> over the request's <see cref="TenantDbContext"/>: documents are rows of
/// <c>gp_documents</c>, their index rows are entities of the features' models, and both are written by the
/// context's next save, in one transaction. The version column makes concurrent updates fail instead of losing one.
/// </summary>
public sealed class DocumentStore(TenantDbContext db, IEnumerable<IIndexProvider> indexProviders, TimeProvider clock) : IDocumentStore
{
    /// <summary>How documents are written: camelCase JSON, as the web API writes them.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IIndexProvider[] _indexProviders = [.. indexProviders];

    public static string TypeName(Type type) => type.GetCustomAttribute<DocumentAttribute>()?.Type ?? type.Name;

    public async Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : class
    {
        var record = await FindAsync<T>(id, cancellationToken);
        return record is null ? null : JsonSerializer.Deserialize<T>(record.Content, JsonOptions);
    }

    public async Task<IReadOnlyList<T>> GetManyAsync<T>(IEnumerable<string> ids, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var type = TypeName(typeof(T));
        var records = await db.Documents.Where(d => d.Type == type && wanted.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return [.. wanted.Where(records.ContainsKey).Distinct().Select(id => JsonSerializer.Deserialize<T>(records[id].Content, JsonOptions)!)];
    }

    public async Task SaveAsync<T>(string id, T document, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(document);
        var now = clock.GetUtcNow().UtcDateTime;
        var content = JsonSerializer.Serialize(document, JsonOptions);
        var record = await FindAsync<T>(id, cancellationToken);
        if (record is null)
        {
            db.Documents.Add(new DocumentRecord { Type = TypeName(typeof(T)), Id = id, Content = content, Version = 1, CreatedUtc = now, UpdatedUtc = now });
        }
        else
        {
            record.Content = content;
            record.Version++;
            record.UpdatedUtc = now;
        }

        foreach (var provider in ProvidersFor(typeof(T)))
        {
            await RemoveIndexRowsAsync(provider.IndexType, id, cancellationToken);
            foreach (var row in provider.Map(document))
            {
                row.DocumentId = id;
                db.Add(row);
            }
        }
    }

    public async Task<bool> DeleteAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : class
    {
        var record = await FindAsync<T>(id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        db.Documents.Remove(record);
        foreach (var provider in ProvidersFor(typeof(T)))
        {
            await RemoveIndexRowsAsync(provider.IndexType, id, cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T, TIndex>(Func<IQueryable<TIndex>, IQueryable<TIndex>> query, CancellationToken cancellationToken = default)
        where T : class
        where TIndex : DocumentIndex
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = await query(db.Set<TIndex>().AsNoTracking()).Select(i => i.DocumentId).ToListAsync(cancellationToken);
        return await GetManyAsync<T>(ids, cancellationToken);
    }

    public async Task<int> GetVersionAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : class =>
        (await FindAsync<T>(id, cancellationToken))?.Version ?? 0;

    private Task<DocumentRecord?> FindAsync<T>(string id, CancellationToken cancellationToken) =>
        db.Documents.FindAsync([TypeName(typeof(T)), id], cancellationToken).AsTask();

    private IEnumerable<IIndexProvider> ProvidersFor(Type documentType) =>
        _indexProviders.Where(p => p.DocumentType.IsAssignableFrom(documentType));

    private async Task RemoveIndexRowsAsync(Type indexType, string documentId, CancellationToken cancellationToken)
    {
        // Rows already tracked (added earlier in this unit of work) and rows in the database both go.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity.GetType() == indexType && ((DocumentIndex)e.Entity).DocumentId == documentId).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                entry.State = EntityState.Deleted;
            }
        }

        var method = RemoveStoredMethod.MakeGenericMethod(indexType);
        await (Task)method.Invoke(this, [documentId, cancellationToken])!;
    }

    private static readonly MethodInfo RemoveStoredMethod = typeof(DocumentStore).GetMethod(nameof(RemoveStoredAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private async Task RemoveStoredAsync<TIndex>(string documentId, CancellationToken cancellationToken)
        where TIndex : DocumentIndex
    {
        var stored = await db.Set<TIndex>().Where(i => i.DocumentId == documentId).ToListAsync(cancellationToken);
        db.Set<TIndex>().RemoveRange(stored);
    }
}
