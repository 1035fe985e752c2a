using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Points.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace GovPlatform.Points.Data;

/// <summary>Maps the points module's entities onto its tables.</summary>
internal sealed class PointsDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Volunteer>(v =>
        {
            v.ToTable(PointsTables.Volunteers);
            v.HasKey(x => x.Id);
            v.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<VolunteerTeam>(t =>
        {
            t.ToTable(PointsTables.Teams);
            t.HasKey(x => x.Id);
        });
        modelBuilder.Entity<TeamMember>(m =>
        {
            m.ToTable(PointsTables.Members);
            m.HasKey(x => x.Id);
            m.HasOne<VolunteerTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Activity>(a =>
        {
            a.ToTable(PointsTables.Activities);
            a.HasKey(x => x.Id);
            a.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<SignUp>(s =>
        {
            s.ToTable(PointsTables.SignUps);
            s.HasKey(x => x.Id);
            s.HasOne<Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PointRuleSet>(r =>
        {
            r.ToTable(PointsTables.Rules);
            r.HasKey(x => x.Id);
            r.Property(x => x.Version).IsConcurrencyToken();
            // The points per type as a JSON object in one text column: portable, and read whole with its rule set.
            r.Property(x => x.PointsPerType)
                .HasConversion(
                    d => JsonSerializer.Serialize(d, (JsonSerializerOptions?)null),
                    s => JsonSerializer.Deserialize<Dictionary<string, int>>(s, (JsonSerializerOptions?)null) ?? new Dictionary<string, int>(),
                    new ValueComparer<Dictionary<string, int>>(
                        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                        d => d.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)),
                        d => new Dictionary<string, int>(d)));
        });
        modelBuilder.Entity<PointEntry>(e =>
        {
            e.ToTable(PointsTables.Entries);
            e.HasKey(x => x.Id);
            e.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Reward>(r =>
        {
            r.ToTable(PointsTables.Rewards);
            r.HasKey(x => x.Id);
            r.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<RedemptionOrder>(o =>
        {
            o.ToTable(PointsTables.Orders);
            o.HasKey(x => x.Id);
            o.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne<Reward>().WithMany().HasForeignKey(x => x.RewardId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Commendation>(c =>
        {
            c.ToTable(PointsTables.Commendations);
            c.HasKey(x => x.Id);
            c.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
