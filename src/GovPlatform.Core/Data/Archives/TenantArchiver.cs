using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Core.Modules;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace GovPlatform.Core.Data.Archives;

/// <summary>
/// Writes a tenant's definition, data and files to a portable zip, and restores one into a tenant database of
/// either provider. Rows are JSON lines with values in a provider-neutral form (timestamps as UTC text, bytes as
/// base64); on restore each value is converted to the target column's type.
/// </summary>
public sealed class TenantArchiver(TenantStorage storage, TenantMigrator migrator, ModuleCatalog catalog, TimeProvider clock, ILogger<TenantArchiver> logger)
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // Tables the platform rebuilds itself on restore.
    private static readonly HashSet<string> SkippedTables = new(StringComparer.OrdinalIgnoreCase) { "gp_migrations", "gp_locks" };

    /// <summary>Writes the tenant's archive to <paramref name="output"/>; the data is read in one consistent snapshot.</summary>
    public async Task<ArchiveManifest> ExportAsync(TenantDatabase database, JsonObject definition, string filesFolder, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(definition);
        await storage.EnsureCreatedAsync(database, cancellationToken);
        var manifest = new ArchiveManifest
        {
            Tenant = database.Tenant,
            ExportedUtc = clock.GetUtcNow().UtcDateTime,
            SourceProvider = database.Provider,
            Migrations = new Dictionary<string, long>(await TenantMigrator.GetAppliedAsync(database, cancellationToken), StringComparer.Ordinal),
        };

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await WriteEntryAsync(zip, "tenant.json", Encoding.UTF8.GetBytes(definition.ToJsonString(ManifestJson)), cancellationToken);

        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(database.IsPostgres ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, cancellationToken);
            foreach (var table in (await ListTablesAsync(connection, database, transaction, cancellationToken)).Where(t => !SkippedTables.Contains(t)))
            {
                manifest.Tables.Add(await ExportTableAsync(zip, connection, transaction, table, database.IsPostgres, cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (Directory.Exists(filesFolder))
        {
            foreach (var file in Directory.EnumerateFiles(filesFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(filesFolder, file).Replace('\\', '/');
                if (database.FilePath is not null && Path.GetFullPath(file).StartsWith(Path.GetFullPath(database.FilePath), StringComparison.Ordinal))
                {
                    continue;
                }

                zip.CreateEntryFromFile(file, "files/" + relative, CompressionLevel.Optimal);
                manifest.Files.Add(relative);
            }
        }

        await WriteEntryAsync(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), cancellationToken);
        logger.LogInformation("Tenant {Tenant} exported: {Tables} tables, {Rows} rows, {Files} files", database.Tenant, manifest.Tables.Count, manifest.Tables.Sum(t => t.Rows), manifest.Files.Count);
        return manifest;
    }

    /// <summary>Reads the manifest and definition of an archive, checking that this host can restore it.</summary>
    public static (ArchiveManifest Manifest, JsonObject Definition) Read(ZipArchive zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var manifestEntry = zip.GetEntry("manifest.json") ?? throw new InvalidDataException("The archive has no manifest.json: it is not a GovPlatform tenant archive.");
        var definitionEntry = zip.GetEntry("tenant.json") ?? throw new InvalidDataException("The archive has no tenant.json.");
        ArchiveManifest manifest;
        JsonObject definition;
        try
        {
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<ArchiveManifest>(stream, ManifestJson) ?? throw new InvalidDataException("manifest.json is empty.");
            }

            using (var stream = definitionEntry.Open())
            {
                definition = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException("tenant.json is not a JSON object.");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The archive's manifest or definition is not valid JSON: {ex.Message}", ex);
        }

        if (manifest.Format != ArchiveManifest.CurrentFormat)
        {
            throw new InvalidDataException($"Archive format '{manifest.Format}' is not supported; this host reads '{ArchiveManifest.CurrentFormat}'.");
        }

        return (manifest, definition);
    }

    /// <summary>The problems that stop this host restoring the archive: modules it lacks, or older than the archive's.</summary>
    public IReadOnlyList<string> CheckCompatibility(ArchiveManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new List<string>();
        foreach (var (featureId, version) in manifest.Migrations)
        {
            var latest = featureId == CoreMigrations.FeatureId ? CoreMigrations.All[^1].Version : catalog.Find(featureId)?.Migrations.LastOrDefault()?.Version;
            if (latest is null)
            {
                problems.Add($"Feature '{featureId}' is in the archive but no module of this host provides it.");
            }
            else if (latest < version)
            {
                problems.Add($"Feature '{featureId}' was at version {version} in the archive; this host only has up to {latest}.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Restores the archive's data into an empty tenant database: creates it, migrates each feature to the archived
    /// version, and inserts every row in one transaction, then copies the files. Newer migrations run when the shell starts.
    /// </summary>
    public async Task RestoreAsync(ZipArchive zip, ArchiveManifest manifest, TenantDatabase database, string filesFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(database);
        await storage.EnsureCreatedAsync(database, cancellationToken);
        var features = catalog.Features
            .Where(f => manifest.Migrations.ContainsKey(f.Id) && f.Migrations.Count > 0)
            .Select(f => (f.Id, (IReadOnlyList<MigrationDescriptor>)f.Migrations))
            .ToList();
        var failures = await migrator.MigrateAsync(database, features, manifest.Migrations, cancellationToken);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", failures.Values.Select(f => f.Message)));
        }

        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var existing = await ListTablesAsync(connection, database, transaction, cancellationToken);
            var tables = manifest.Tables.Where(t => !SkippedTables.Contains(t.Name)).ToList();
            foreach (var table in tables.Where(t => !existing.Contains(t.Name, StringComparer.Ordinal)))
            {
                throw new InvalidDataException($"Table '{table.Name}' of the archive does not exist after migrating; the archive does not match this host's modules.");
            }

            var foreignKeys = await ListForeignKeysAsync(connection, database, transaction, tables.Select(t => t.Name), cancellationToken);
            foreach (var table in OrderByDependencies(tables, foreignKeys))
            {
                await RestoreTableAsync(zip, connection, transaction, database, table, foreignKeys.Where(k => k.Table == table.Name && k.ReferencedTable == table.Name).ToList(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var relative in manifest.Files)
        {
            var entry = zip.GetEntry("files/" + relative) ?? throw new InvalidDataException($"File '{relative}' is listed in the manifest but missing from the archive.");
            var target = Path.GetFullPath(Path.Combine(filesFolder, relative));
            if (!target.StartsWith(Path.GetFullPath(filesFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"File '{relative}' would be written outside the tenant's folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }

        logger.LogInformation("Tenant {Tenant} restored into {Database}: {Tables} tables, {Rows} rows, {Files} files",
            database.Tenant, database.Describe(), manifest.Tables.Count, manifest.Tables.Sum(t => t.Rows), manifest.Files.Count);
    }

    /// <summary>True when the database holds no tenant data yet (no documents, no feature versions).</summary>
    public static async Task<bool> IsEmptyAsync(TenantDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!await TenantStorage.ExistsAsync(database, cancellationToken))
        {
            return true;
        }

        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var tables = await ListTablesAsync(connection, database, null, cancellationToken);
        if (!tables.Contains("gp_documents"))
        {
            return !tables.Any(t => !SkippedTables.Contains(t));
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM gp_documents";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0;
    }

    private static async Task<ArchiveTable> ExportTableAsync(ZipArchive zip, DbConnection connection, DbTransaction transaction, string table, bool postgres, CancellationToken cancellationToken)
    {
        var result = new ArchiveTable { Name = table };
        var entry = zip.CreateEntry($"data/{table}.jsonl", CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // A stable order makes archives comparable: tables are ordered by their first column (their key), and the
        // documents by their whole key (type, id), compared bytewise on both providers.
        command.CommandText = table == "gp_documents"
            ? $"SELECT * FROM gp_documents ORDER BY type{(postgres ? " COLLATE \"C\"" : "")}, id{(postgres ? " COLLATE \"C\"" : "")}"
            : $"SELECT * FROM {TenantStorage.QuoteIdentifier(table)} ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            result.Columns.Add(reader.GetName(i));
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = ToJson(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            await writer.WriteLineAsync(row.ToJsonString().AsMemory(), cancellationToken);
            result.Rows++;
        }

        return result;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        byte or short or int or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        float or double => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        decimal d => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(DateTime.SpecifyKind(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt, DateTimeKind.Utc).ToString(TimestampFormat, CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString("D").ToUpperInvariant()),
        byte[] bytes => new JsonObject { ["$base64"] = Convert.ToBase64String(bytes) },
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static async Task RestoreTableAsync(ZipArchive zip, DbConnection connection, DbTransaction transaction, TenantDatabase database, ArchiveTable table, List<ForeignKey> selfReferences, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry($"data/{table.Name}.jsonl") ?? throw new InvalidDataException($"data/{table.Name}.jsonl is missing from the archive.");
        var columnTypes = await ColumnTypesAsync(connection, transaction, database, table.Name, cancellationToken);
        var rows = new List<JsonObject>();
        using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    rows.Add(JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"A row of {table.Name} is not a JSON object."));
                }
            }
        }

        var columns = table.Columns.Where(columnTypes.ContainsKey).ToList();
        foreach (var missing in table.Columns.Where(c => !columnTypes.ContainsKey(c)))
        {
            throw new InvalidDataException($"Column '{table.Name}.{missing}' of the archive does not exist in this host's schema.");
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Keys keep their values: PostgreSQL identity columns are told to take them.
        command.CommandText = $"INSERT INTO {TenantStorage.QuoteIdentifier(table.Name)} ({string.Join(", ", columns.Select(TenantStorage.QuoteIdentifier))})"
            + (database.IsPostgres ? " OVERRIDING SYSTEM VALUE" : "")
            + $" VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        foreach (var row in OrderSelfReferences(rows, selfReferences))
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "p" + i;
                parameter.Value = FromJson(row[columns[i]], columnTypes[columns[i]], database) ?? DBNull.Value;
                if (database.IsPostgres && parameter is Npgsql.NpgsqlParameter npgsql && columnTypes[columns[i]] is "json" or "jsonb")
                {
                    npgsql.NpgsqlDbType = columnTypes[columns[i]] == "json" ? NpgsqlDbType.Json : NpgsqlDbType.Jsonb;
                }

                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (database.IsPostgres)
        {
            // Identity and serial columns continue after the restored keys.
            foreach (var column in columns)
            {
                await using var find = connection.CreateCommand();
                find.Transaction = transaction;
                find.CommandText = "SELECT pg_get_serial_sequence(@table, @column)";
                AddParameter(find, "table", TenantStorage.QuoteIdentifier(table.Name));
                AddParameter(find, "column", column);
                if (await find.ExecuteScalarAsync(cancellationToken) is not string sequence)
                {
                    continue;
                }

                await using var advance = connection.CreateCommand();
                advance.Transaction = transaction;
                advance.CommandText = $"SELECT setval(@sequence::regclass, COALESCE((SELECT MAX({TenantStorage.QuoteIdentifier(column)}) FROM {TenantStorage.QuoteIdentifier(table.Name)}), 0) + 1, false)";
                AddParameter(advance, "sequence", sequence);
                await advance.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static object? FromJson(JsonNode? node, string targetType, TenantDatabase database)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonObject binary && binary["$base64"] is { } base64)
        {
            return Convert.FromBase64String(base64.GetValue<string>());
        }

        var value = (JsonValue)node;
        var type = targetType.ToLowerInvariant();
        if (database.IsPostgres)
        {
            return type switch
            {
                "boolean" => value.TryGetValue<bool>(out var b) ? b : value.GetValue<long>() != 0,
                "smallint" => (short)AsLong(value),
                "integer" => (int)AsLong(value),
                "bigint" => AsLong(value),
                "real" => (float)AsDouble(value),
                "double precision" => AsDouble(value),
                "numeric" => decimal.Parse(AsText(value), NumberStyles.Float, CultureInfo.InvariantCulture),
                "timestamp with time zone" => ParseTimestamp(AsText(value)),
                "timestamp without time zone" => DateTime.SpecifyKind(ParseTimestamp(AsText(value)), DateTimeKind.Unspecified),
                "date" => DateOnly.Parse(AsText(value)[..10], CultureInfo.InvariantCulture),
                "uuid" => Guid.Parse(AsText(value)),
                _ => AsText(value),
            };
        }

        // SQLite: the declared type's affinity.
        if (type.Contains("int", StringComparison.Ordinal))
        {
            return value.TryGetValue<bool>(out var b) ? (b ? 1L : 0L) : AsLong(value);
        }

        if (type.Contains("real", StringComparison.Ordinal) || type.Contains("floa", StringComparison.Ordinal) || type.Contains("doub", StringComparison.Ordinal))
        {
            return AsDouble(value);
        }

        return value.TryGetValue<bool>(out var flag) ? (flag ? 1L : 0L) : AsText(value);
    }

    private static long AsLong(JsonValue value) => value.TryGetValue<long>(out var l) ? l : long.Parse(value.ToString(), CultureInfo.InvariantCulture);

    private static double AsDouble(JsonValue value) => value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToString(), CultureInfo.InvariantCulture);

    private static string AsText(JsonValue value) => value.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static DateTime ParseTimestamp(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static async Task<List<string>> ListTablesAsync(DbConnection connection, TenantDatabase database, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = database.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task<Dictionary<string, string>> ColumnTypesAsync(DbConnection connection, DbTransaction transaction, TenantDatabase database, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (database.IsPostgres)
        {
            command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table";
            AddParameter(command, "table", table);
        }
        else
        {
            command.CommandText = $"SELECT name, type FROM pragma_table_info({Literal(table)})";
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }

        return result;
    }

    private sealed record ForeignKey(string Table, string Column, string ReferencedTable, string ReferencedColumn);

    private static async Task<List<ForeignKey>> ListForeignKeysAsync(DbConnection connection, TenantDatabase database, DbTransaction transaction, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var result = new List<ForeignKey>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (database.IsPostgres)
        {
            command.CommandText = """
                SELECT kcu.table_name, kcu.column_name, ccu.table_name, ccu.column_name
                FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
                JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
                WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new ForeignKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return result;
        }

        foreach (var table in tables)
        {
            command.CommandText = $"SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list({Literal(table)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new ForeignKey(table, reader.GetString(1), reader.GetString(0), reader.IsDBNull(2) ? "id" : reader.GetString(2)));
            }
        }

        return result;
    }

    // Referenced tables first, so that foreign keys hold at every insert.
    private static List<ArchiveTable> OrderByDependencies(List<ArchiveTable> tables, List<ForeignKey> foreignKeys)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var result = new List<ArchiveTable>();
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Visit(ArchiveTable table)
        {
            if (!visited.Add(table.Name))
            {
                return;
            }

            foreach (var key in foreignKeys.Where(k => k.Table == table.Name && k.ReferencedTable != table.Name))
            {
                if (byName.TryGetValue(key.ReferencedTable, out var referenced))
                {
                    Visit(referenced);
                }
            }

            result.Add(table);
        }

        foreach (var table in tables)
        {
            Visit(table);
        }

        return result;
    }

    // Rows of a tree (a table referencing itself) go parents first.
    private static List<JsonObject> OrderSelfReferences(List<JsonObject> rows, List<ForeignKey> selfReferences)
    {
        if (selfReferences.Count == 0)
        {
            return rows;
        }

        var ordered = new List<JsonObject>(rows.Count);
        var inserted = selfReferences.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal));
        var pending = rows;
        while (pending.Count > 0)
        {
            var next = new List<JsonObject>();
            foreach (var row in pending)
            {
                var ready = selfReferences.All(k => row[k.Column] is null || inserted[k].Contains(row[k.Column]!.ToJsonString()));
                if (ready)
                {
                    ordered.Add(row);
                    foreach (var key in selfReferences)
                    {
                        if (row[key.ReferencedColumn] is { } referenced)
                        {
                            inserted[key].Add(referenced.ToJsonString());
                        }
                    }
                }
                else
                {
                    next.Add(row);
                }
            }

            if (next.Count == pending.Count)
            {
                // A cycle or a dangling reference: insert the rest as they are and let the database judge.
                ordered.AddRange(next);
                break;
            }

            pending = next;
        }

        return ordered;
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(content, cancellationToken);
    }
}
