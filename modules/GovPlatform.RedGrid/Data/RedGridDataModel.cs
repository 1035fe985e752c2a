using System.Globalization;
using GovPlatform.Data;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovPlatform.RedGrid.Data;

/// <summary>Maps the red-grid module's entities onto its tables. Dates are <c>yyyy-MM-dd</c> text: portable and ordered.</summary>
internal sealed class RedGridDataModel : IDataModel
{
    private static readonly ValueConverter<DateOnly, string> Date = new(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static readonly ValueConverter<DateOnly?, string?> OptionalDate = new(
        d => d.HasValue ? d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        s => s == null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Courtyard>(c => Table(c, RedGridTables.Courtyards));
        modelBuilder.Entity<PartyOrganisation>(o =>
        {
            Table(o, RedGridTables.Organisations);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasOne<PartyOrganisation>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne<Courtyard>().WithMany().HasForeignKey(x => x.CourtyardId).OnDelete(DeleteBehavior.Restrict);
            o.Property(x => x.FoundedOn).HasConversion(OptionalDate);
        });
        modelBuilder.Entity<PartyMember>(m =>
        {
            Table(m, RedGridTables.Members);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.HasOne<PartyOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            m.Property(x => x.BirthDate).HasConversion(OptionalDate);
            m.Property(x => x.JoinedOn).HasConversion(OptionalDate);
            m.Property(x => x.ReportedOn).HasConversion(OptionalDate);
        });
        modelBuilder.Entity<MemberTask>(t =>
        {
            Table(t, RedGridTables.Tasks);
            t.HasOne<PartyMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
            t.Property(x => x.DueOn).HasConversion(OptionalDate);
        });
        modelBuilder.Entity<ResidentUnit>(u =>
        {
            Table(u, RedGridTables.Units);
            u.Property(x => x.Version).IsConcurrencyToken();
            u.HasOne<PartyOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<JointCommittee>(c =>
        {
            Table(c, RedGridTables.Committees);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Property(x => x.TermStartsOn).HasConversion(Date);
            c.Property(x => x.TermEndsOn).HasConversion(Date);
        });
        modelBuilder.Entity<CommitteeSeat>(s =>
        {
            Table(s, RedGridTables.Seats);
            s.HasOne<JointCommittee>().WithMany().HasForeignKey(x => x.CommitteeId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<ResidentUnit>().WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
            s.Property(x => x.StartsOn).HasConversion(Date);
            s.Property(x => x.EndsOn).HasConversion(Date);
        });
        modelBuilder.Entity<UnitResource>(r =>
        {
            Table(r, RedGridTables.Resources);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasOne<ResidentUnit>().WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<CommunityNeed>(n =>
        {
            Table(n, RedGridTables.Needs);
            n.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<Project>(p =>
        {
            Table(p, RedGridTables.Projects);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasOne<CommunityNeed>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
            p.HasOne<UnitResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);
            p.Property(x => x.StartsOn).HasConversion(OptionalDate);
            p.Property(x => x.CompletedOn).HasConversion(OptionalDate);
        });
        modelBuilder.Entity<Pairing>(p =>
        {
            Table(p, RedGridTables.Pairings);
            p.HasOne<PartyOrganisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            p.HasOne<PartyMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            p.Property(x => x.StartsOn).HasConversion(Date);
            p.Property(x => x.EndsOn).HasConversion(OptionalDate);
        });
        modelBuilder.Entity<PairingHelp>(h =>
        {
            Table(h, RedGridTables.Help);
            h.HasOne<Pairing>().WithMany().HasForeignKey(x => x.PairingId).OnDelete(DeleteBehavior.Restrict);
            h.Property(x => x.GivenOn).HasConversion(Date);
        });
        modelBuilder.Entity<ServiceCentre>(c =>
        {
            Table(c, RedGridTables.Centres);
            c.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<CentreActivity>(a =>
        {
            Table(a, RedGridTables.Activities);
            a.HasOne<ServiceCentre>().WithMany().HasForeignKey(x => x.CentreId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void Table<T>(EntityTypeBuilder<T> entity, string table)
        where T : class
    {
        entity.ToTable(table);
        entity.HasKey("Id");
    }
}
