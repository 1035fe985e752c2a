using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Mediation.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Data;

/// <summary>Maps the mediation module's entities onto its tables.</summary>
internal sealed class MediationDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediationBody>(b =>
        {
            b.ToTable(MediationTables.Bodies);
            b.HasKey(x => x.Id);
            // Minutes after midnight: portable across providers and comparable.
            b.Property(x => x.OpensAt).HasColumnName("opens_minute")
                .HasConversion(t => t.HasValue ? t.Value.Hour * 60 + t.Value.Minute : (int?)null, m => m.HasValue ? new TimeOnly(m.Value / 60, m.Value % 60) : null);
            b.Property(x => x.ClosesAt).HasColumnName("closes_minute")
                .HasConversion(t => t.HasValue ? t.Value.Hour * 60 + t.Value.Minute : (int?)null, m => m.HasValue ? new TimeOnly(m.Value / 60, m.Value % 60) : null);
        });

        modelBuilder.Entity<Mediator>(m =>
        {
            m.ToTable(MediationTables.Mediators);
            m.HasKey(x => x.Id);
            m.HasOne<MediationBody>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Dispute>(d =>
        {
            d.ToTable(MediationTables.Disputes);
            d.HasKey(x => x.Id);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.Ignore(x => x.IsClosed);
        });

        modelBuilder.Entity<DisputeParty>(p =>
        {
            p.ToTable(MediationTables.Parties);
            p.HasKey(x => x.Id);
            p.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DisputeMediator>(m =>
        {
            m.ToTable(MediationTables.DisputeMediators);
            m.HasKey(x => x.Id);
            m.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DisputeEvent>(e =>
        {
            e.ToTable(MediationTables.Events);
            e.HasKey(x => x.Id);
            e.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediationSession>(s =>
        {
            s.ToTable(MediationTables.Sessions);
            s.HasKey(x => x.Id);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SessionParticipant>(p =>
        {
            p.ToTable(MediationTables.Participants);
            p.HasKey(x => x.Id);
            p.HasOne<MediationSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FollowUpVisit>(f =>
        {
            f.ToTable(MediationTables.FollowUps);
            f.HasKey(x => x.Id);
            f.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScreeningCampaign>(c =>
        {
            c.ToTable(MediationTables.Campaigns);
            c.HasKey(x => x.Id);
            // ISO text: portable, and it sorts and compares as dates do.
            c.Property(x => x.StartsOn).HasConversion(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        });

        modelBuilder.Entity<ScreeningReport>(r =>
        {
            r.ToTable(MediationTables.Reports);
            r.HasKey(x => x.Id);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasOne<ScreeningCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediationAlert>(a =>
        {
            a.ToTable(MediationTables.Alerts);
            a.HasKey(x => x.Id);
        });
    }
}
