using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GovPlatform.Petitions;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>
/// A district's petitions, made up the same way on every run (a fixed seed) and written in bulk: COPY on PostgreSQL,
/// prepared inserts in transactions of 20,000 on SQLite. The district is a 4-level grid of 400 grids
/// (<see cref="GridFile"/>); the petitions spread over the two years before <see cref="Anchor"/>, more in busy grids
/// than in quiet ones, on the duty list of zhanqian (petitions.json); about 10 % are still open, the recent ones
/// mostly, and some of those are overdue. Only the petitions are written (no events, attachments or audit): the
/// queries measured read the petitions table alone.
/// </summary>
internal static class PetitionSeeder
{
    /// <summary>The end of the two years: the data's "now" (local midnight, 1 December 2026).</summary>
    public static readonly DateTime Anchor = new(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc);

    public const int Streets = 5;
    public const int CommunitiesPerStreet = 8;
    public const int GridsPerCommunity = 10;

    private const int Batch = 20_000;

    private static readonly string[] Columns =
    [
        "tracking_number", "channel", "stage", "category_code", "title", "description", "grid_unit_code", "contact_name",
        "contact_phone", "handling_unit_code", "escalation_count", "received_utc", "due_utc", "completed_utc", "closed_utc",
        "satisfaction", "resolved", "reopen_count", "updated_utc", "version",
    ];

    private static readonly string[] Matters =
    [
        "楼道堆放杂物，影响消防通道通行，请尽快清理。",
        "小区路灯损坏多日，夜间出行不便，存在安全隐患。",
        "邻居装修噪音扰民，多次沟通无果，请求协调。",
        "物业费收取标准不透明，业主与物业发生纠纷。",
        "道路井盖缺失，车辆和行人通行有危险。",
        "独居老人需要上门探访和生活帮助。",
        "沿街商铺占道经营，影响行人通行。",
        "楼顶漏水，雨天严重影响住户生活。",
    ];

    /// <summary>The grid's code of street <paramref name="s"/> (1-based), community <paramref name="c"/>, grid <paramref name="g"/>.</summary>
    public static string Code(int s, int c = 0, int g = 0) =>
        c == 0 ? $"B-{s}" : g == 0 ? $"B-{s}-{c:D2}" : $"B-{s}-{c:D2}-{g:D2}";

    /// <summary>The district as a units GeoJSON file: B → 5 streets (bands of 0.1°) → 8 communities → 10 grids, tiling each parent.</summary>
    public static string GridFile()
    {
        var features = new JsonArray();
        void Add(string code, string name, int level, string? parent, double x0, double y0, double x1, double y1) => features.Add(new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = JsonNode.Parse(string.Create(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Polygon\",\"coordinates\":[[[{X(x0)},{Y(y0)}],[{X(x1)},{Y(y0)}],[{X(x1)},{Y(y1)}],[{X(x0)},{Y(y1)}],[{X(x0)},{Y(y0)}]]]}}")),
            ["properties"] = new JsonObject { ["code"] = code, ["name"] = name, ["level"] = level, ["parent"] = parent, ["households"] = level == 4 ? 400 : 0 },
        });

        Add("B", "基准区", 1, null, 0, 0, Streets * 10, CommunitiesPerStreet);
        for (var s = 1; s <= Streets; s++)
        {
            var x = (s - 1) * 10;
            Add(Code(s), $"第{s}街道", 2, "B", x, 0, x + 10, CommunitiesPerStreet);
            for (var c = 1; c <= CommunitiesPerStreet; c++)
            {
                Add(Code(s, c), $"第{s}街道第{c}社区", 3, Code(s), x, c - 1, x + 10, c);
                for (var g = 1; g <= GridsPerCommunity; g++)
                {
                    Add(Code(s, c, g), $"{s}-{c}-{g}网格", 4, Code(s, c), x + g - 1, c - 1, x + g, c);
                }
            }
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
    }

    /// <summary>Writes <paramref name="count"/> petitions into the tenant's table; returns the time it took.</summary>
    public static async Task<TimeSpan> SeedAsync(DbConnection connection, bool postgres, int count, IReadOnlyList<(string Code, TimeSpan Deadline)> categories)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var rows = Rows(count, categories);
        if (postgres)
        {
            await CopyAsync((NpgsqlConnection)connection, rows);
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE gp_petitions";
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            await InsertAsync((SqliteConnection)connection, rows);
        }

        return started.Elapsed;
    }

    /// <summary>The petitions, one array of column values each, in the order of <see cref="Columns"/>.</summary>
    internal static IEnumerable<object?[]> Rows(int count, IReadOnlyList<(string Code, TimeSpan Deadline)> categories)
    {
        var random = new Random(20261126);
        var span = TimeSpan.FromDays(730);
        var start = Anchor - span;
        var grids = Streets * CommunitiesPerStreet * GridsPerCommunity;

        // Some grids are busy (old town, markets), most are quiet: weight = 1 / rank^0.8, grids shuffled once.
        var order = Enumerable.Range(0, grids).OrderBy(_ => random.Next()).ToArray();
        var weights = order.Select((_, rank) => 1 / Math.Pow(rank + 1, 0.8)).ToArray();
        var cumulative = new double[grids];
        var sum = 0d;
        for (var i = 0; i < grids; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            // Receipts in time order (ids follow time, as in life), with jitter.
            var received = Second(start + (span * ((i + random.NextDouble()) / count)));
            var pick = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            var grid = order[Math.Min(grids - 1, pick < 0 ? ~pick : pick)];
            var (s, c, g) = ((grid / (CommunitiesPerStreet * GridsPerCommunity)) + 1, ((grid / GridsPerCommunity) % CommunitiesPerStreet) + 1, (grid % GridsPerCommunity) + 1);
            var (category, deadline) = categories[random.Next(categories.Count)];
            var channel = random.NextDouble() switch
            {
                < 0.50 => PetitionChannel.Online,
                < 0.70 => PetitionChannel.Reception,
                < 0.95 => PetitionChannel.Field,
                _ => PetitionChannel.Api,
            };
            var located = channel != PetitionChannel.Api || random.NextDouble() < 0.4;
            string? unit = located ? Code(s, c, g) : null;
            var handling = located ? Code(s, c) : "B";

            // Deadlines count working time; calendar time is about three times the working hours, 1.4 times the working days.
            DateTime? due = deadline <= TimeSpan.Zero ? null
                : Second(received + (deadline.TotalHours < 24 ? deadline * 3 : TimeSpan.FromDays(deadline.TotalDays * 1.4)));
            var age = Anchor - received;
            var open = random.NextDouble() < (age < TimeSpan.FromDays(60) ? 0.6 : 0.055);
            PetitionStage stage;
            DateTime? completed = null, closed = null;
            int? satisfaction = null;
            bool? resolved = null;
            if (open)
            {
                stage = (PetitionStage)random.Next((int)PetitionStage.Collect, (int)PetitionStage.Supervise + 1);
            }
            else
            {
                var outcome = random.NextDouble();
                if (outcome < 0.06)
                {
                    stage = PetitionStage.Rejected;
                    closed = Second(received + TimeSpan.FromHours(random.Next(1, 48)));
                }
                else if (outcome < 0.10)
                {
                    stage = PetitionStage.Merged;
                    closed = Second(received + TimeSpan.FromHours(random.Next(1, 48)));
                }
                else
                {
                    // Most are done within their time; about one in seven is late.
                    var allowed = due is { } d ? d - received : TimeSpan.FromDays(5);
                    completed = Second(received + (allowed * (0.15 + (random.NextDouble() * 1.0))));
                    var rated = completed.Value.AddDays(7) < Anchor;
                    stage = rated ? PetitionStage.Evaluate : PetitionStage.Feedback;
                    if (rated)
                    {
                        closed = Second(completed.Value + TimeSpan.FromHours(random.Next(1, 7 * 24)));
                        if (random.NextDouble() < 0.7)
                        {
                            satisfaction = random.NextDouble() switch { < 0.5 => 5, < 0.8 => 4, < 0.9 => 3, < 0.95 => 2, _ => 1 };
                            resolved = random.NextDouble() < 0.8 ? random.NextDouble() < 0.85 : null;
                        }
                    }
                }
            }

            text.Clear().Append(Matters[random.Next(Matters.Length)]).Append("（第").Append(i).Append("件）");
            yield return
            [
                received.ToString("yyMMdd", CultureInfo.InvariantCulture) + (i % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
                (int)channel,
                (int)stage,
                category,
                text.ToString(0, Math.Min(30, text.Length)),
                text.ToString(),
                unit,
                channel == PetitionChannel.Field ? null : "居民",
                "13" + random.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture),
                handling,
                0,
                received,
                due,
                completed,
                closed,
                satisfaction,
                resolved,
                0,
                closed ?? completed ?? received,
                1,
            ];
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<object?[]> rows)
    {
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
            NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz,
            NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer, NpgsqlDbType.Boolean,
            NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer,
        ];
        await using var importer = await connection.BeginBinaryImportAsync($"COPY gp_petitions ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is null)
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(row[i], types[i]);
                }
            }
        }

        await importer.CompleteAsync();
    }

    private static async Task InsertAsync(SqliteConnection connection, IEnumerable<object?[]> rows)
    {
        using var enumerator = rows.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO gp_petitions ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
            var parameters = Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            insert.Prepare();
            for (var n = 0; n < Batch && more; n++, more = enumerator.MoveNext())
            {
                var row = enumerator.Current;
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] switch
                    {
                        null => DBNull.Value,

                        // The format EF Core's SQLite provider stores and compares.
                        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        bool flag => flag ? 1 : 0,
                        var value => value,
                    };
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private static DateTime Second(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static double X(double cells) => Math.Round(121.0 + (cells * 0.01), 6);

    private static double Y(double cells) => Math.Round(40.0 + (cells * 0.01), 6);
}
