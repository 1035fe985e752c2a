using GovPlatform.Data;
using GovPlatform.Grid.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Data;

/// <summary>Maps the grid's entities onto its <c>gp_grid_*</c> tables.</summary>
internal sealed class GridDataModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GridLevel>(level =>
        {
            level.ToTable(GridTables.Levels);
            level.HasKey(l => l.Id);
            level.Property(l => l.Name).HasMaxLength(50);
            level.Property(l => l.EnglishName).HasMaxLength(100);
            level.HasIndex(l => l.Position).IsUnique();
        });

        modelBuilder.Entity<GridUnit>(unit =>
        {
            unit.ToTable(GridTables.Units);
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Code).HasMaxLength(64);
            unit.Property(u => u.Name).HasMaxLength(100);
            unit.Property(u => u.EnglishName).HasMaxLength(200);
            unit.Property(u => u.Path).HasMaxLength(1000);
            unit.Property(u => u.Department).HasMaxLength(100);
            unit.Property(u => u.Notes).HasMaxLength(2000);
            unit.Property(u => u.Version).IsConcurrencyToken();
            unit.HasIndex(u => u.Code).IsUnique();
            unit.HasIndex(u => u.ParentId);
            unit.HasIndex(u => u.Path);
            unit.HasOne<GridLevel>().WithMany().HasForeignKey(u => u.LevelId).OnDelete(DeleteBehavior.Restrict);
            unit.HasOne<GridUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<GridCodeChange>(change =>
        {
            change.ToTable(GridTables.CodeChanges);
            change.HasKey(c => c.Id);
            change.Property(c => c.OldCode).HasMaxLength(64);
            change.Property(c => c.NewCode).HasMaxLength(64);
            change.Property(c => c.ChangedBy).HasMaxLength(256);
            change.Property(c => c.Reason).HasMaxLength(500);
            change.HasIndex(c => c.OldCode).IsUnique();
            change.HasOne<GridUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GridWorker>(worker =>
        {
            worker.ToTable(GridTables.Workers);
            worker.HasKey(w => w.Id);
            worker.Property(w => w.Name).HasMaxLength(50);
            worker.Property(w => w.Phone).HasMaxLength(32);
            worker.Property(w => w.UserName).HasMaxLength(256);
            worker.Property(w => w.Notes).HasMaxLength(2000);
            worker.HasIndex(w => w.Name);
        });

        modelBuilder.Entity<GridAssignment>(assignment =>
        {
            assignment.ToTable(GridTables.Assignments);
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.Note).HasMaxLength(500);
            assignment.Property(a => a.CreatedBy).HasMaxLength(256);
            assignment.HasOne<GridWorker>().WithMany().HasForeignKey(a => a.WorkerId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<GridUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GridState>(state =>
        {
            state.ToTable(GridTables.State);
            state.HasKey(s => s.Id);
            state.Property(s => s.Id).ValueGeneratedNever();
        });
    }
}
