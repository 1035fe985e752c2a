using GovPlatform.Data;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// The shell's copy of the catalogue, kept for a short while (every intake and case page reads it) and dropped when
/// it is saved here; another node sees a change within <see cref="Lifetime"/>.
/// </summary>
internal sealed class PetitionCatalogCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // A class, so that readers on other threads see a whole entry or none (a struct could tear).
    private volatile Entry? _current;

    public async ValueTask<PetitionCatalog> GetAsync(TenantDbContext db, CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetElapsedTime(current.Loaded) < Lifetime)
        {
            return current.Catalog;
        }

        var catalog = await PetitionCatalog.LoadAsync(db, cancellationToken);
        _current = new Entry(catalog, clock.GetTimestamp());
        return catalog;
    }

    public void Invalidate() => _current = null;

    private sealed record Entry(PetitionCatalog Catalog, long Loaded);
}
