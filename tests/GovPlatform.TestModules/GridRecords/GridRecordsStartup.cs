using FluentMigrator;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.TestModules.GridRecords;

/// <summary>Another module's record filed under a grid unit, like a petition.</summary>
public sealed class GridRecord
{
    public long Id { get; set; }

    public string? UnitCode { get; set; }

    public string Title { get; set; } = "";
}

[ForFeature("Test.GridRecords"), Migration(1, "Grid records table")]
public sealed class CreateGridRecords : Migration
{
    public override void Up() =>
        Create.Table("test_grid_records")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("unit_code").AsString(64).Nullable()
            .WithColumn("title").AsString(200).NotNullable();

    public override void Down() => Delete.Table("test_grid_records");
}

[ForFeature("Test.GridRecords")]
public sealed class GridRecordsModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<GridRecord>().ToTable("test_grid_records");
}

/// <summary>Records listed through the grid's scope filter, the way the petitions or points modules will list theirs.</summary>
[ForFeature("Test.GridRecords")]
public sealed class GridRecordsStartup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapPost("/test-records", async (string[] units, TenantDbContext db) =>
        {
            foreach (var unit in units)
            {
                db.Set<GridRecord>().Add(new GridRecord { UnitCode = unit.Length == 0 ? null : unit, Title = $"record of {unit}" });
            }

            await db.SaveChangesAsync();
            return Results.NoContent();
        }).DisableAntiforgery();

        endpoints.MapGet("/test-records", async (HttpContext context, TenantDbContext db, IGridScopeFilter scope) =>
        {
            var query = await scope.ApplyAsync(db.Set<GridRecord>().AsNoTracking(), r => r.UnitCode, context.User);
            return Results.Ok(await query.OrderBy(r => r.Id).Select(r => r.UnitCode).ToListAsync());
        }).RequireAuthorization();

        endpoints.MapGet("/test-records/locate", async (double longitude, double latitude, IGridDirectory grid) =>
            await grid.LocateAsync(longitude, latitude) is { } unit ? Results.Ok(unit.Code) : Results.NotFound());
    }
}
