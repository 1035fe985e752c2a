using System.Data;
using FluentMigrator.Runner.Generators.SQLite;

namespace GovPlatform.Core.Data.Migrations;

/// <summary>
/// FluentMigrator's SQLite types, plus <see cref="DbType.DateTimeOffset"/> as ISO text (how EF Core stores dates on
/// SQLite), so that <c>AsUtcDateTime()</c> works on both providers.
/// </summary>
internal sealed class PortableSqliteTypeMap : ISQLiteTypeMap
{
    private readonly SQLiteTypeMap _inner = new();

    public string GetTypeMap(DbType type, int? size, int? precision) =>
        type == DbType.DateTimeOffset ? "TEXT" : _inner.GetTypeMap(type, size, precision);

    public string GetTypeMap(DbType type, int size, int precision) =>
        type == DbType.DateTimeOffset ? "TEXT" : _inner.GetTypeMap(type, size, precision);
}
