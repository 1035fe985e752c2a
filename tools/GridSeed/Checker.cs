using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace GovPlatform.Tools.GridSeed;

/// <summary>A unit as read back from a written file.</summary>
internal sealed record UnitRecord(string Code, string Name, string? EnglishName, int Level, string? Parent, string Kind, string? Department,
    int Households, int Residents, int Buildings, string? Notes, Geometry? Boundary);

/// <summary>A row of a workers' file as read back.</summary>
internal sealed record WorkerRecord(string Name, string Phone, string Kind, string Team, string Unit, string Role, string StartDate, string EndDate, string UserName, string Notes);

/// <summary>
/// Reads the written files back (with the same GeoJSON reader as the grid module) and checks them: the format, the
/// counts, the codes, the figures, and the tiling (children inside their parent, no overlap and no gap between siblings
/// above 1 m², measured in the district's local metres).
/// </summary>
internal sealed partial class Checker
{
    public const double ToleranceSquareMetres = 1.0;
    public const long MaxFileBytes = 2 * 1024 * 1024;

    private static readonly string[] Kinds = ["territorial", "professional"];
    private static readonly string[] WorkerKinds = ["fullTime", "partTime", "auxiliary"];
    private static readonly string[] Teams = ["none", "politicalLegal", "emergency", "militia", "cadres", "volunteers"];
    private static readonly string[] Roles = ["leader", "worker", "communityPolice", "instructor", "liaison", "teamMember"];
    private static readonly DateOnly FirstStart = new(2021, 1, 1);
    private static readonly DateOnly LastStart = new(2025, 12, 31);

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobileNumber();

    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory(Geo.Wgs84) } };

    public static List<UnitRecord> ReadGeoJson(string path)
    {
        var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), GeoJsonOptions)
            ?? throw new InvalidDataException($"{path}: not a FeatureCollection");
        return
        [
            .. collection.Select(f => new UnitRecord(
                Text(f.Attributes, "code") ?? "", Text(f.Attributes, "name") ?? "", Text(f.Attributes, "englishName"),
                Number(f.Attributes, "level"), Text(f.Attributes, "parent"), Text(f.Attributes, "kind") ?? "", Text(f.Attributes, "department"),
                Number(f.Attributes, "households"), Number(f.Attributes, "residents"), Number(f.Attributes, "buildings"),
                Text(f.Attributes, "notes"), f.Geometry)),
        ];
    }

    public static List<UnitRecord> ReadUnitsCsv(string path)
    {
        using var reader = new StreamReader(path, Output.Utf8);
        using var csv = new CsvReader(reader, Output.CsvConfig);
        csv.Read();
        csv.ReadHeader();
        var list = new List<UnitRecord>();
        while (csv.Read())
        {
            string? Optional(string name) => csv.GetField(name) is { Length: > 0 } s ? s : null;
            list.Add(new UnitRecord(csv.GetField("code")!, csv.GetField("name")!, Optional("englishName"), csv.GetField<int>("level"),
                Optional("parent"), csv.GetField("kind")!, Optional("department"), csv.GetField<int>("households"),
                csv.GetField<int>("residents"), csv.GetField<int>("buildings"), Optional("notes"), null));
        }

        return list;
    }

    public static List<WorkerRecord> ReadWorkers(string path)
    {
        using var reader = new StreamReader(path, Output.Utf8);
        using var csv = new CsvReader(reader, Output.CsvConfig);
        csv.Read();
        csv.ReadHeader();
        var list = new List<WorkerRecord>();
        while (csv.Read())
        {
            list.Add(new WorkerRecord(csv.GetField("name")!, csv.GetField("phone")!, csv.GetField("kind")!, csv.GetField("team")!,
                csv.GetField("unit")!, csv.GetField("role")!, csv.GetField("startDate")!, csv.GetField("endDate")!,
                csv.GetField("userName")!, csv.GetField("notes")!));
        }

        return list;
    }

    /// <summary>Checks a tenant's two files; returns the summary lines.</summary>
    public List<string> CheckTenant(TenantData tenant, string folder)
    {
        var summary = new List<string>();
        var unitsPath = Path.Combine(folder, tenant.UnitsFile);
        var workersPath = Path.Combine(folder, tenant.WorkersFile);
        var name = tenant.Folder;
        CheckFile(unitsPath, tenant.Expect.Boundaries ? null : Output.UnitsHeader);
        CheckFile(workersPath, Output.WorkersHeader);

        var units = tenant.Expect.Boundaries ? ReadGeoJson(unitsPath) : ReadUnitsCsv(unitsPath);
        var byCode = CheckUnits(name, units, tenant.Expect);
        var perLevel = units.GroupBy(u => u.Level).OrderBy(g => g.Key).Select(g => $"L{g.Key} {g.Count()}");
        summary.Add($"{name}: units {string.Join(", ", perLevel)}; {Size(unitsPath)}");

        if (tenant.Expect.Boundaries && tenant.Projection is { } projection)
        {
            var t = Tiling(name, units, projection, ToleranceSquareMetres, requireCover: true);
            summary.Add($"{name}: tiling max outside parent {t.MaxOutside:0.###} m², max sibling overlap {t.MaxOverlap:0.###} m², max gap {t.MaxGap:0.###} m²");
        }

        var workers = ReadWorkers(workersPath);
        CheckWorkers(name, workers, byCode, tenant.Expect);
        var roles = workers.GroupBy(w => (w.Role, w.Kind)).OrderBy(g => g.Key.Role, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Role}/{g.Key.Kind} {g.Count()}");
        summary.Add($"{name}: worker rows {workers.Count} ({string.Join(", ", roles)}); people {workers.Select(w => w.Phone).Distinct().Count()}; {Size(workersPath)}");
        var teams = workers.Where(w => w.Team != "none").GroupBy(w => w.Team).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}").ToList();
        if (teams.Count > 0)
        {
            summary.Add($"{name}: team rows {string.Join(", ", teams)}");
        }

        return summary;
    }

    /// <summary>Checks the 万源 micro-grid samples against the tenant's grids; returns the summary lines.</summary>
    public List<string> CheckSample(string tenantFolder, TenantData tenant)
    {
        var summary = new List<string>();
        var grids = ReadGeoJson(Path.Combine(tenantFolder, tenant.UnitsFile)).ToDictionary(u => u.Code);
        var projection = tenant.Projection!;
        foreach (var (file, overlaps) in new[] { ("micro-grids.geojson", 1), ("micro-grids-fixed.geojson", 0) })
        {
            var path = Path.Combine(tenantFolder, "samples", file);
            CheckFile(path, null);
            var micro = ReadGeoJson(path);
            var label = $"wanyuan/samples/{file}";
            var parents = micro.Select(m => m.Parent ?? "").Distinct().ToList();
            foreach (var m in micro)
            {
                if (m.Parent is null || !grids.TryGetValue(m.Parent, out var parent) || parent.Level != 4)
                {
                    Error($"{label}: {m.Code}'s parent {m.Parent} is not a level-4 grid");
                    continue;
                }

                if (m.Level != 5 || !Regex.IsMatch(m.Code, "^" + Regex.Escape(parent.Code) + "-[0-9]{2}$"))
                {
                    Error($"{label}: {m.Code} must be level 5 and its parent's code, a dash and 2 digits");
                }

                if (m.Households is < 30 or > 120)
                {
                    Error($"{label}: {m.Code} has {m.Households} households (30–120)");
                }

                CheckBoundary(label, m);
            }

            foreach (var code in parents)
            {
                var children = micro.Where(m => m.Parent == code).ToList();
                if (children.Count is < 4 or > 6)
                {
                    Error($"{label}: {code} has {children.Count} micro-grids (4–6)");
                }

                if (grids.TryGetValue(code, out var parent) && Math.Abs(children.Sum(c => c.Households) - parent.Households) > parent.Households / 10)
                {
                    Error($"{label}: the micro-grids of {code} do not add up to about its {parent.Households} households");
                }
            }

            var set = micro.Concat(parents.Where(grids.ContainsKey).Select(p => grids[p] with { Parent = null })).ToList();
            var t = Tiling(label, set, projection, ToleranceSquareMetres, requireCover: true, report: false);
            if (t.Overlaps.Count != overlaps)
            {
                Error($"{label}: {t.Overlaps.Count} overlapping pairs, expected {overlaps}");
            }

            if (t.MaxOutside > ToleranceSquareMetres || t.MaxGap > ToleranceSquareMetres)
            {
                Error($"{label}: the micro-grids do not tile their grids (outside {t.MaxOutside:0.###} m², gap {t.MaxGap:0.###} m²)");
            }

            var pairs = string.Join("; ", t.Overlaps.Select(o => $"{o.A} × {o.B} {o.Area:0} m²"));
            summary.Add($"{label}: {micro.Count} micro-grids in {parents.Count} grids ({string.Join(", ", parents)}); overlapping pairs {t.Overlaps.Count}{(pairs.Length > 0 ? ": " + pairs : "")}; max outside {t.MaxOutside:0.###} m², max gap {t.MaxGap:0.###} m²; {Size(path)}");
        }

        return summary;
    }

    private Dictionary<string, UnitRecord> CheckUnits(string name, List<UnitRecord> units, Expectation expect)
    {
        var byCode = new Dictionary<string, UnitRecord>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            if (!byCode.TryAdd(u.Code, u))
            {
                Error($"{name}: code {u.Code} is not unique");
            }
        }

        foreach (var u in units)
        {
            if (u.Parent is null)
            {
                if (u.Level != 1)
                {
                    Error($"{name}: {u.Code} has no parent but is at level {u.Level}");
                }
            }
            else if (!byCode.TryGetValue(u.Parent, out var parent))
            {
                Error($"{name}: {u.Code}'s parent {u.Parent} is missing");
            }
            else
            {
                if (!u.Code.StartsWith(parent.Code + "-", StringComparison.Ordinal) || u.Code.Length == parent.Code.Length + 1)
                {
                    Error($"{name}: {u.Code} does not start with its parent's code {parent.Code} and a dash");
                }

                if (u.Level != parent.Level + 1)
                {
                    Error($"{name}: {u.Code} is at level {u.Level} under a level-{parent.Level} parent");
                }
            }

            if (!Kinds.Contains(u.Kind) || (u.Kind == "professional") != (u.Department is not null))
            {
                Error($"{name}: {u.Code} has kind '{u.Kind}' and department '{u.Department}'");
            }

            if (string.IsNullOrWhiteSpace(u.Name) || u.Households < 0 || u.Residents < 0 || u.Buildings < 0)
            {
                Error($"{name}: {u.Code} lacks a name or has negative figures");
            }

            if (u.Kind == "territorial" && u.Households > 0 && (u.Residents < u.Households || u.Buildings < 1))
            {
                Error($"{name}: {u.Code} has implausible figures ({u.Households} households, {u.Residents} residents, {u.Buildings} buildings)");
            }

            if (expect.HouseholdRanges.TryGetValue(u.Level, out var range) && (u.Households < range.Min || u.Households > range.Max))
            {
                Error($"{name}: {u.Code} has {u.Households} households, outside {range.Min}–{range.Max}");
            }

            if (expect.Boundaries)
            {
                CheckBoundary(name, u);
            }
            else if (u.Boundary is not null)
            {
                Error($"{name}: {u.Code} has a boundary; template units have none");
            }
        }

        if (units.Count(u => u.Parent is null) != 1)
        {
            Error($"{name}: {units.Count(u => u.Parent is null)} top units, expected 1");
        }

        foreach (var (level, count) in expect.UnitsPerLevel)
        {
            var actual = units.Count(u => u.Level == level);
            if (actual != count)
            {
                Error($"{name}: {actual} units at level {level}, expected {count}");
            }
        }

        if (units.Any(u => !expect.UnitsPerLevel.ContainsKey(u.Level)))
        {
            Error($"{name}: units at a level that should be empty");
        }

        foreach (var parent in units)
        {
            var children = units.Where(c => c.Parent == parent.Code && c.Kind == "territorial").ToList();
            if (children.Count > 0 && (children.Sum(c => c.Households) != parent.Households || children.Sum(c => c.Residents) != parent.Residents
                || children.Sum(c => c.Buildings) != parent.Buildings))
            {
                Error($"{name}: {parent.Code}'s figures are not the sum of its territorial children's");
            }
        }

        return byCode;
    }

    private void CheckBoundary(string name, UnitRecord u)
    {
        if (u.Boundary is not (Polygon or MultiPolygon) || u.Boundary.IsEmpty)
        {
            Error($"{name}: {u.Code} has no Polygon or MultiPolygon boundary");
            return;
        }

        if (!u.Boundary.IsValid)
        {
            Error($"{name}: {u.Code}'s boundary is not valid");
        }

        if (u.Boundary.Coordinates.Any(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90 || c.X != Math.Round(c.X, 6) || c.Y != Math.Round(c.Y, 6)))
        {
            Error($"{name}: {u.Code} has coordinates out of range or with more than 6 decimals");
        }
    }

    private sealed record TilingResult(double MaxOutside, double MaxOverlap, double MaxGap, List<(string A, string B, double Area)> Overlaps);

    /// <summary>For every parent with territorial children that have boundaries: the children inside it, apart, and covering it.</summary>
    private TilingResult Tiling(string name, List<UnitRecord> units, LocalProjection projection, double tolerance, bool requireCover, bool report = true)
    {
        var metric = units.Where(u => u.Boundary is not null).ToDictionary(u => u.Code, u => projection.ToMetric(u.Boundary!));
        double maxOutside = 0, maxOverlap = 0, maxGap = 0;
        var overlaps = new List<(string, string, double)>();
        foreach (var group in units.Where(u => u.Parent is not null && u.Kind == "territorial" && metric.ContainsKey(u.Code)).GroupBy(u => u.Parent!))
        {
            if (!metric.TryGetValue(group.Key, out var parent))
            {
                continue;
            }

            var children = group.Select(u => (u.Code, Shape: metric[u.Code])).ToList();
            foreach (var (code, shape) in children)
            {
                var outside = Geo.Difference(shape, parent).Area;
                maxOutside = Math.Max(maxOutside, outside);
                if (outside > tolerance && report)
                {
                    Error($"{name}: {code} reaches {outside:0.##} m² outside its parent {group.Key}");
                }
            }

            for (var i = 0; i < children.Count; i++)
            {
                for (var j = i + 1; j < children.Count; j++)
                {
                    if (!children[i].Shape.EnvelopeInternal.Intersects(children[j].Shape.EnvelopeInternal))
                    {
                        continue;
                    }

                    var overlap = Geo.Intersection(children[i].Shape, children[j].Shape).Area;
                    maxOverlap = Math.Max(maxOverlap, overlap);
                    if (overlap > tolerance)
                    {
                        overlaps.Add((children[i].Code, children[j].Code, overlap));
                        if (report)
                        {
                            Error($"{name}: {children[i].Code} and {children[j].Code} overlap by {overlap:0.##} m²");
                        }
                    }
                }
            }

            if (requireCover)
            {
                var gap = Geo.Difference(parent, Geo.Union(children.Select(c => c.Shape))).Area;
                maxGap = Math.Max(maxGap, gap);
                if (gap > tolerance && report)
                {
                    Error($"{name}: the children of {group.Key} leave {gap:0.##} m² uncovered");
                }
            }
        }

        return new TilingResult(maxOutside, maxOverlap, maxGap, overlaps);
    }

    private void CheckWorkers(string name, List<WorkerRecord> rows, Dictionary<string, UnitRecord> units, Expectation expect)
    {
        if (rows.Count > 3000)
        {
            Error($"{name}: {rows.Count} worker rows (at most 3,000)");
        }

        foreach (var r in rows)
        {
            if (string.IsNullOrWhiteSpace(r.Name) || !MobileNumber().IsMatch(r.Phone) || !WorkerKinds.Contains(r.Kind) || !Teams.Contains(r.Team)
                || !Roles.Contains(r.Role) || !units.ContainsKey(r.Unit) || r.EndDate.Length > 0)
            {
                Error($"{name}: bad worker row {r}");
            }

            if (!DateOnly.TryParseExact(r.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) || start < FirstStart || start > LastStart)
            {
                Error($"{name}: start date {r.StartDate} of {r.Name} is not a date in 2021–2025");
            }

            if ((r.Role == "teamMember") != (r.Team != "none"))
            {
                Error($"{name}: {r.Name} is a {r.Role} in team {r.Team}");
            }
        }

        foreach (var person in rows.GroupBy(r => r.Phone))
        {
            if (person.Select(r => (r.Name, r.Kind, r.Team)).Distinct().Count() != 1)
            {
                Error($"{name}: the rows of phone {person.Key} disagree on the name, kind or team");
            }
        }

        foreach (var person in rows.GroupBy(r => r.Name))
        {
            if (person.Select(r => r.Phone).Distinct().Count() != 1)
            {
                Error($"{name}: two people are named {person.Key}");
            }
        }

        foreach (var unit in rows.Where(r => r.Role == "leader").GroupBy(r => r.Unit))
        {
            if (unit.Count() != 1)
            {
                Error($"{name}: {unit.Key} has {unit.Count()} leaders");
            }
        }

        foreach (var ((role, kind), count) in expect.Rows)
        {
            var actual = rows.Count(r => r.Role == role && r.Kind == kind);
            if (actual != count)
            {
                Error($"{name}: {actual} rows with role {role} and kind {kind}, expected {count}");
            }
        }

        foreach (var (kind, count) in expect.Workers)
        {
            var actual = rows.Where(r => r.Role == "worker" && r.Kind == kind).Select(r => r.Phone).Distinct().Count();
            if (actual != count)
            {
                Error($"{name}: {actual} {kind} grid workers, expected {count}");
            }
        }
    }

    /// <summary>UTF-8 without a byte-order mark, LF line ends, under 2 MB, and the CSV header when there is one.</summary>
    private void CheckFile(string path, string? header)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            Error($"{path}: starts with a byte-order mark");
        }

        if (bytes.Contains((byte)'\r'))
        {
            Error($"{path}: has CR line ends");
        }

        if (bytes.Length > MaxFileBytes)
        {
            Error($"{path}: {bytes.Length} bytes, over 2 MB");
        }

        var text = Output.Utf8.GetString(bytes);
        if (header is not null && !text.StartsWith(header + "\n", StringComparison.Ordinal))
        {
            Error($"{path}: the header is not '{header}'");
        }
    }

    private static string Size(string path) => $"{Path.GetFileName(path)} {new FileInfo(path).Length / 1024.0:0.0} KB";

    private void Error(string message) => _errors.Add(message);

    private static object? Value(IAttributesTable attributes, string name) => attributes.Exists(name) ? attributes[name] : null;

    private static string? Text(IAttributesTable attributes, string name) => Value(attributes, name) switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    private static int Number(IAttributesTable attributes, string name) => Value(attributes, name) switch
    {
        JsonElement e => e.GetInt32(),
        IConvertible c => c.ToInt32(CultureInfo.InvariantCulture),
        _ => -1,
    };
}
