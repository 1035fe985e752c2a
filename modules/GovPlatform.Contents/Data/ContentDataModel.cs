using GovPlatform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Contents.Data;

/// <summary>Maps the item index and the routes onto their tables.</summary>
internal sealed class ContentDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ContentItemIndex>(index =>
        {
            index.ToTable(ContentTables.ItemIndex);
            index.HasKey(i => i.Id);
            index.Property(i => i.DocumentId).HasMaxLength(100);
            index.Property(i => i.ContentItemId).HasMaxLength(64);
            index.Property(i => i.ContentType).HasMaxLength(64);
            index.Property(i => i.Title).HasMaxLength(500);
            index.Property(i => i.Slug).HasMaxLength(200);
            index.Property(i => i.OwnerId).HasMaxLength(64);
            index.Property(i => i.GridUnitCode).HasMaxLength(64);
        });

        modelBuilder.Entity<ContentRoute>(route =>
        {
            route.ToTable(ContentTables.Routes);
            route.HasKey(r => r.Slug);
            route.Property(r => r.Slug).HasMaxLength(200);
            route.Property(r => r.ContentItemId).HasMaxLength(64);
            route.HasIndex(r => r.ContentItemId);
        });
    }
}
