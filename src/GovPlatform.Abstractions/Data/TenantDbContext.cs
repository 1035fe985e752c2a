using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Data;

/// <summary>
/// The tenant's unit of work: one EF Core context per request over the tenant's database, whose model is the
/// documents table plus the entities of every enabled feature. One <see cref="DbContext.SaveChangesAsync(CancellationToken)"/>
/// writes documents, indexes and entities in a single transaction.
/// </summary>
public class TenantDbContext : DbContext
{
    private readonly IDataModel[] _models;

    /// <summary>Created by the shell's container; modules inject it.</summary>
    public TenantDbContext(DbContextOptions<TenantDbContext> options, IEnumerable<IDataModel> models)
        : base(options)
    {
        _models = [.. models.OrderBy(m => m.GetType().FullName, StringComparer.Ordinal)];
        ModelKey = string.Join('|', _models.Select(m => m.GetType().FullName));
    }

    /// <summary>Identifies the model: the same set of feature models shares one compiled model across tenants.</summary>
    public string ModelKey { get; }

    /// <summary>The JSON documents of the tenant.</summary>
    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();

    /// <summary>
    /// Runs <paramref name="work"/> and saves its changes in one transaction, retried as a whole on a transient
    /// database error. Make every change inside <paramref name="work"/>: a retry runs it again.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            ChangeTracker.Clear();
            await using var transaction = await Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DocumentRecord>(document =>
        {
            document.ToTable("gp_documents");
            document.HasKey(d => new { d.Type, d.Id });
            document.Property(d => d.Type).HasMaxLength(100);
            document.Property(d => d.Id).HasMaxLength(200);
            document.Property(d => d.Version).IsConcurrencyToken();
        });

        foreach (var model in _models)
        {
            model.Configure(modelBuilder);
        }
    }
}
