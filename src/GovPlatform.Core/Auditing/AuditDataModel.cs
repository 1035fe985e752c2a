using GovPlatform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Core.Auditing;

/// <summary>Maps the audit log (core migration 3) in every shell's <see cref="TenantDbContext"/>; names are snake_case by convention.</summary>
internal sealed class AuditDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("gp_audit");
            audit.HasKey(a => a.Id);
            audit.HasIndex(a => a.TimeUtc);
            audit.Property(a => a.Before).HasColumnName("before_json");
            audit.Property(a => a.After).HasColumnName("after_json");
        });
    }
}
