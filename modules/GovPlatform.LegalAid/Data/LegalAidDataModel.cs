using System.Globalization;
using GovPlatform.Data;
using GovPlatform.LegalAid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovPlatform.LegalAid.Data;

/// <summary>Maps the legal aid module's entities onto its tables.</summary>
internal sealed class LegalAidDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LegalStation>(s =>
        {
            s.ToTable(LegalAidTables.Stations);
            s.HasKey(x => x.Id);
            s.Property(x => x.Version).IsConcurrencyToken();
            Hours(s);
        });
        modelBuilder.Entity<LawFirm>(f =>
        {
            f.ToTable(LegalAidTables.Firms);
            f.HasKey(x => x.Id);
        });
        modelBuilder.Entity<Lawyer>(l =>
        {
            l.ToTable(LegalAidTables.Lawyers);
            l.HasKey(x => x.Id);
            l.HasOne<LawFirm>().WithMany().HasForeignKey(x => x.FirmId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AdviserAssignment>(a =>
        {
            a.ToTable(LegalAidTables.Assignments);
            a.HasKey(x => x.Id);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasOne<Lawyer>().WithMany().HasForeignKey(x => x.LawyerId).OnDelete(DeleteBehavior.Restrict);
            a.Property(x => x.StartsOn).HasConversion(d => Date(d), s => Date(s));
            a.Property(x => x.EndsOn).HasConversion(d => Date(d), s => Date(s));
            Hours(a);
        });
        modelBuilder.Entity<Appointment>(a =>
        {
            a.ToTable(LegalAidTables.Appointments);
            a.HasKey(x => x.Id);
            a.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<BookedSlot>(s =>
        {
            s.ToTable(LegalAidTables.Slots);
            s.HasKey(x => x.Id);
        });
        modelBuilder.Entity<Consultation>(c =>
        {
            c.ToTable(LegalAidTables.Consultations);
            c.HasKey(x => x.Id);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne<LegalStation>().WithMany().HasForeignKey(x => x.StationId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<Lawyer>().WithMany().HasForeignKey(x => x.LawyerId).OnDelete(DeleteBehavior.Restrict);
            c.Property(x => x.FollowUpOn).HasConversion(d => d.HasValue ? Date(d.Value) : null, s => s == null ? null : Date(s));
        });
        modelBuilder.Entity<AidApplication>(a =>
        {
            a.ToTable(LegalAidTables.Applications);
            a.HasKey(x => x.Id);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasOne<LegalStation>().WithMany().HasForeignKey(x => x.StationId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<Lawyer>().WithMany().HasForeignKey(x => x.LawyerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AidDocument>(d =>
        {
            d.ToTable(LegalAidTables.Documents);
            d.HasKey(x => x.Id);
            d.HasOne<AidApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AidEvent>(e =>
        {
            e.ToTable(LegalAidTables.Events);
            e.HasKey(x => x.Id);
            e.HasOne<AidApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<EveningReception>(r =>
        {
            r.ToTable(LegalAidTables.Receptions);
            r.HasKey(x => x.Id);
            r.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<ReceptionDeputy>(d =>
        {
            d.ToTable(LegalAidTables.Deputies);
            d.HasKey(x => x.Id);
            d.HasOne<EveningReception>().WithMany().HasForeignKey(x => x.ReceptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReceptionMatter>(m =>
        {
            m.ToTable(LegalAidTables.Matters);
            m.HasKey(x => x.Id);
            m.HasOne<EveningReception>().WithMany().HasForeignKey(x => x.ReceptionId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Minutes after midnight: portable across providers and comparable.
    private static void Hours<T>(EntityTypeBuilder<T> entity)
        where T : class, IOpeningRules
    {
        entity.Property(x => x.OpensAt).HasColumnName("opens_minute")
            .HasConversion(t => t.HasValue ? t.Value.Hour * 60 + t.Value.Minute : (int?)null, m => m.HasValue ? new TimeOnly(m.Value / 60, m.Value % 60) : null);
        entity.Property(x => x.ClosesAt).HasColumnName("closes_minute")
            .HasConversion(t => t.HasValue ? t.Value.Hour * 60 + t.Value.Minute : (int?)null, m => m.HasValue ? new TimeOnly(m.Value / 60, m.Value % 60) : null);
    }
}
