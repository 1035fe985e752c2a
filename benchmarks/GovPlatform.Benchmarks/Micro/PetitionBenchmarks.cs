using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GovPlatform.Core.Shells;
using GovPlatform.Data;
using GovPlatform.Identity.Models;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Endpoints;
using GovPlatform.Petitions.Ledger;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>
/// The petitions hall on a district of <see cref="PetitionBenchmarkStore.Count"/> petitions (1,000,000 by default;
/// <see cref="PetitionSeeder"/>), in the tenant's own shell in this process, each beside a baseline run the same way:
/// intake through <see cref="PetitionIntakeService"/> against a bare EF Core insert of the same row; the workbench's
/// "overdue in my area" page for a street against a count that reads the whole table; a street's statistics for a year
/// (<see cref="PetitionStatistics"/>, SQL GROUP BY) against loading the same petitions and counting in memory.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PetitionBenchmarks
{
    private ShellContext? _shell;
    private ClaimsPrincipal _street = new();
    private long _seededMax;
    private string[] _categories = [];
    private string[] _grids = [];
    private int _next;
    private string[] _streetCodes = [];

    /// <summary>The providers of this run (PostgreSQL only when there is a server).</summary>
    public static IEnumerable<string> ProviderValues => PetitionBenchmarkStore.Providers();

    [ParamsSource(nameof(ProviderValues))]
    public string Provider { get; set; } = "Sqlite";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Intake (baseline: bare EF insert of the row)"), BenchmarkCategory("intake")]
    public async Task<long> BareInsert()
    {
        await using var scope = _shell!.ServiceProvider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var now = DateTime.UtcNow;
        var grid = _grids[_next++ % _grids.Length];
        var petition = new Petition
        {
            TrackingNumber = "X" + Guid.NewGuid().ToString("N")[..19],
            Channel = PetitionChannel.Online,
            Stage = PetitionStage.Collect,
            CategoryCode = _categories[_next % _categories.Length],
            Title = "小区路灯损坏多日",
            Description = "小区路灯损坏多日，夜间出行不便，存在安全隐患。",
            GridUnitCode = grid,
            ContactName = "居民",
            ContactPhone = Phone(),
            HandlingUnitCode = grid[..^3],
            ReceivedUtc = now,
            DueUtc = now.AddDays(3),
            UpdatedUtc = now,
            Version = 1,
        };
        db.Add(petition);
        await db.SaveChangesAsync();
        return petition.Id;
    }

    [Benchmark(Description = "Intake (PetitionIntakeService: checks, unit, due time, duplicate search, event, audit)"), BenchmarkCategory("intake")]
    public async Task<long> Intake()
    {
        await using var scope = _shell!.ServiceProvider.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<PetitionIntakeService>();
        var result = await intake.SubmitAsync(new PetitionSubmission(PetitionChannel.Online)
        {
            CategoryCode = _categories[_next % _categories.Length],
            Description = "小区路灯损坏多日，夜间出行不便，存在安全隐患。",
            ContactName = "居民",
            ContactPhone = Phone(),
            GridUnitCode = _grids[_next++ % _grids.Length],
        }, null, default);
        return result.Succeeded ? result.Petition!.Id : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
    }

    [Benchmark(Baseline = true, Description = "Overdue in a street, page 1 of 25 (baseline: count read from the whole table)"), BenchmarkCategory("overdue")]
    public async Task<int> FullScanCount()
    {
        await using var scope = _shell!.ServiceProvider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();

        // No index has escalation_count: every row is read.
        return await db.Set<Petition>().CountAsync(p => p.EscalationCount >= 0);
    }

    [Benchmark(Description = "Overdue in a street, page 1 of 25 (the workbench's overdue view: PetitionScope, open and past due, by due time; page and count)"), BenchmarkCategory("overdue")]
    public async Task<int> OverduePage()
    {
        await using var scope = _shell!.ServiceProvider.CreateAsyncScope();
        var workbench = scope.ServiceProvider.GetRequiredService<PetitionWorkbench>();
        var filter = WorkbenchFilter.Parse(new Microsoft.AspNetCore.Http.QueryCollection(
            new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["view"] = WorkbenchFilter.Overdue }));
        var model = await workbench.ListAsync(filter, _street, default);
        return model.Total + model.Rows.Count;
    }

    [Benchmark(Baseline = true, Description = "Statistics of a street for a year (baseline: load the petitions, count in memory)"), BenchmarkCategory("statistics")]
    public async Task<long> StatisticsInMemory()
    {
        await using var scope = _shell!.ServiceProvider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var (from, to) = YearUtc();
        var codes = _streetCodes;
        var rows = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.ReceivedUtc >= from && p.ReceivedUtc < to && codes.Contains(p.GridUnitCode!))
            .Select(p => new { p.GridUnitCode, p.Stage, p.CompletedUtc, p.DueUtc, p.Satisfaction, p.Resolved })
            .ToListAsync();
        var now = DateTime.UtcNow;
        long sum = 0;
        foreach (var group in rows.GroupBy(r => r.GridUnitCode![..6]))
        {
            sum += group.Count(r => r.CompletedUtc is not null && r.Stage is not (PetitionStage.Rejected or PetitionStage.Merged));
            sum += group.Count(r => r.CompletedUtc is { } c && r.DueUtc is { } d && c <= d);
            sum += group.Count(r => r.CompletedUtc is null && r.DueUtc < now);
            sum += group.Count(r => r.Satisfaction >= 4) + group.Sum(r => r.Satisfaction ?? 0) + group.Count(r => r.Resolved == true);
        }

        return sum;
    }

    [Benchmark(Description = "Statistics of a street for a year (PetitionStatistics: one SQL GROUP BY)"), BenchmarkCategory("statistics")]
    public async Task<long> Statistics()
    {
        await using var scope = _shell!.ServiceProvider.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<PetitionStatistics>();
        var selection = await statistics.SelectAsync(new LedgerRequest(null, new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30), LedgerGrouping.Unit), _street, default);
        var report = await statistics.ComputeAsync(selection, default);
        return report.Total.Received;
    }

    private async Task SetupAsync()
    {
        var host = await PetitionBenchmarkStore.HostAsync(Provider);
        _shell = await host.Shells.EnterAsync(PetitionBenchmarkStore.Tenant);
        await using var scope = _shell.ServiceProvider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<GovUser>>();
        var user = await users.FindByNameAsync(PetitionBenchmarkStore.StreetUser) ?? throw new InvalidOperationException("No street user.");
        _street = await services.GetRequiredService<IUserClaimsPrincipalFactory<GovUser>>().CreateAsync(user);
        var db = services.GetRequiredService<TenantDbContext>();
        _seededMax = await db.Set<Petition>().MaxAsync(p => (long?)p.Id) ?? 0;
        var catalog = await services.GetRequiredService<PetitionCatalogCache>().GetAsync(db, default);
        _categories = [.. catalog.Categories.Where(catalog.IsSelectable).Select(c => c.Code)];
        _grids = [.. Enumerable.Range(1, PetitionSeeder.Streets).SelectMany(s => Enumerable.Range(1, PetitionSeeder.CommunitiesPerStreet)
            .SelectMany(c => Enumerable.Range(1, PetitionSeeder.GridsPerCommunity).Select(g => PetitionSeeder.Code(s, c, g))))];
        _streetCodes = [.. (await services.GetRequiredService<PetitionStatistics>().SubtreeCodesAsync(PetitionSeeder.Code(1), default))];
    }

    private async Task CleanupAsync()
    {
        if (_shell is null)
        {
            return;
        }

        // What the intake benchmarks added goes again (its events and attachments with it), so the store stays as seeded.
        await using (var scope = _shell.ServiceProvider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            await db.Set<Petition>().Where(p => p.Id > _seededMax).ExecuteDeleteAsync();
        }

        _shell.Exit();
        _shell = null;
    }

    private static (DateTime From, DateTime To) YearUtc() =>
        (new DateTime(2025, 11, 30, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc));

    private static string Phone() => "13" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
