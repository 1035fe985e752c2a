using FluentMigrator.Builders;
using FluentMigrator.Infrastructure;

namespace GovPlatform.Data;

/// <summary>Column types that mean the same on SQLite and PostgreSQL.</summary>
public static class MigrationColumnExtensions
{
    /// <summary>
    /// A UTC timestamp: <c>timestamptz</c> on PostgreSQL, ISO text on SQLite. Map it to a <see cref="DateTime"/>
    /// with <see cref="DateTimeKind.Utc"/> in the entity.
    /// </summary>
    public static TNext AsUtcDateTime<TNext>(this IColumnTypeSyntax<TNext> column)
        where TNext : IFluentSyntax
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.AsDateTimeOffset();
    }
}
