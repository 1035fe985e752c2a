using GovPlatform.Data;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Data;

/// <summary>Maps the petitions hall's entities onto its <c>gp_petition*</c> tables.</summary>
internal sealed class PetitionDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Petition>(petition =>
        {
            petition.ToTable(PetitionTables.Petitions);
            petition.HasKey(p => p.Id);
            petition.Property(p => p.Version).IsConcurrencyToken();
            petition.Ignore(p => p.IsClosed);
        });

        modelBuilder.Entity<PetitionEvent>(e =>
        {
            e.ToTable(PetitionTables.Events);
            e.HasKey(x => x.Id);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PetitionAttachment>(a =>
        {
            a.ToTable(PetitionTables.Attachments);
            a.HasKey(x => x.Id);
            a.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PetitionCoHandler>(c =>
        {
            c.ToTable(PetitionTables.CoHandlers);
            c.HasKey(x => x.Id);
            c.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PetitionCategory>(c =>
        {
            c.ToTable(PetitionTables.Categories);
            c.HasKey(x => x.Id);
        });

        modelBuilder.Entity<PetitionDepartment>(d =>
        {
            d.ToTable(PetitionTables.Departments);
            d.HasKey(x => x.Id);
        });
    }
}
