using GovPlatform.Data;
using GovPlatform.Modules;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Contents.Media;

/// <summary>Maps <see cref="MediaAsset"/> onto <c>gp_content_media</c>; the kind is stored as <c>image</c> or <c>file</c>.</summary>
[ForFeature("GovPlatform.Contents")]
internal sealed class MediaDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<MediaAsset>(media =>
        {
            media.ToTable(MediaTables.Media);
            media.HasKey(m => m.Id);
            media.Property(m => m.Path).HasMaxLength(MediaPaths.MaxLength);
            media.Property(m => m.FileName).HasMaxLength(255);
            media.Property(m => m.ContentType).HasMaxLength(100);
            media.Property(m => m.Kind).HasMaxLength(10).HasConversion(k => k == MediaKind.Images ? "image" : "file", s => s == "image" ? MediaKind.Images : MediaKind.Files);
            media.Property(m => m.Sha256).HasMaxLength(64);
            media.Property(m => m.UploadedBy).HasMaxLength(256);
            media.Ignore(m => m.IsImage);
            media.HasIndex(m => m.Path).IsUnique();
            media.HasIndex(m => m.Sha256);
        });
}
