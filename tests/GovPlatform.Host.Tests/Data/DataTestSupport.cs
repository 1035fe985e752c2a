using System.Data.Common;
using GovPlatform.Core.Data;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Data;

/// <summary>Looks into a tenant's database directly, the way an operator with a SQL client would.</summary>
internal static class DataTestSupport
{
    public static TenantDatabase Database(this TestHost host, string tenant) =>
        host.Services.GetRequiredService<TenantDatabaseFactory>().Get(host.Shells.Find(tenant)!);

    public static async Task<object?> ScalarAsync(this TestHost host, string tenant, string sql)
    {
        await using var connection = host.Database(tenant).CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public static async Task ExecuteAsync(this TestHost host, string tenant, string sql)
    {
        await using var connection = host.Database(tenant).CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<bool> TableExistsAsync(this TestHost host, string tenant, string table)
    {
        var database = host.Database(tenant);
        var sql = database.IsPostgres
            ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
        return Convert.ToInt64(await host.ScalarAsync(tenant, sql), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static async Task<List<long>> AppliedVersionsAsync(this TestHost host, string tenant, string feature)
    {
        await using var connection = host.Database(tenant).CreateConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT version FROM gp_migrations WHERE feature_id = '{feature}' ORDER BY version";
        var result = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }
}
