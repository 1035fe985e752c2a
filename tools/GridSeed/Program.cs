using System.Text;
using GovPlatform.Tools.GridSeed;

// GridSeed: writes the seed grids of the four districts and the street-centre template, then checks what it wrote.
// Usage: dotnet run --project tools/GridSeed -- <repo root>
if (args.Length != 1 || !Directory.Exists(Path.Combine(args[0], "tenants")))
{
    Console.Error.WriteLine("usage: dotnet run --project tools/GridSeed -- <repo root>   (the folder that holds tenants/)");
    return 2;
}

Console.OutputEncoding = Encoding.UTF8;
var tenantsRoot = Path.GetFullPath(Path.Combine(args[0], "tenants"));
var phones = new HashSet<string>(StringComparer.Ordinal);
var tenants = new List<TenantData>();
foreach (var (name, build) in new (string, Func<HashSet<string>, TenantData>)[]
{
    ("zhanqian", Districts.Zhanqian),
    ("lianhu", Districts.Lianhu),
    ("wanyuan", Wanyuan.Build),
    ("yuexiu", Districts.Yuexiu),
    ("templates", Districts.Template),
})
{
    Console.WriteLine($"generating {name}…");
    var tenant = build(phones);
    var folder = Path.Combine(tenantsRoot, tenant.Folder);
    var units = tenant.Root.Descendants().ToList();
    if (tenant.Expect.Boundaries)
    {
        Output.WriteGeoJson(Path.Combine(folder, tenant.UnitsFile), units);
    }
    else
    {
        Output.WriteUnitsCsv(Path.Combine(folder, tenant.UnitsFile), units);
    }

    Output.WriteWorkersCsv(Path.Combine(folder, tenant.WorkersFile), tenant.Assignments);
    if (tenant.Sample is { } sample)
    {
        var samples = Path.Combine(folder, "samples");
        Output.WriteGeoJson(Path.Combine(samples, "micro-grids-fixed.geojson"), sample.Fixed);
        Output.WriteGeoJson(Path.Combine(samples, "micro-grids.geojson"), sample.Fixed.Select(u => u.Code == sample.Pushed.Code ? sample.Pushed : u));
        Output.Write(Path.Combine(samples, "README.md"), SampleReadme(sample));
    }

    tenants.Add(tenant);
}

Console.WriteLine();
var checker = new Checker();
foreach (var tenant in tenants)
{
    var folder = Path.Combine(tenantsRoot, tenant.Folder);
    foreach (var line in checker.CheckTenant(tenant, folder))
    {
        Console.WriteLine(line);
    }

    if (tenant.Sample is not null)
    {
        foreach (var line in checker.CheckSample(folder, tenant))
        {
            Console.WriteLine(line);
        }
    }
}

if (checker.Errors.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"{checker.Errors.Count} problems:");
    foreach (var error in checker.Errors.Take(50))
    {
        Console.WriteLine("  " + error);
    }

    return 1;
}

Console.WriteLine();
Console.WriteLine("all checks passed");
return 0;

static string SampleReadme(MicroGridSample sample)
{
    var parents = sample.Fixed.Select(u => u.Parent!).Distinct().ToList();
    var lines = new StringBuilder();
    lines.Append("# 万源 micro-grid samples\n\n");
    lines.Append("Written by `tools/GridSeed` (do not edit by hand; rerun the generator). Level-5 micro-grids (微网格) of three ");
    lines.Append("level-4 grids of 庙沟社区 in `../grid.geojson`, in the same GeoJSON format, for the done-when scenario of ");
    lines.Append("importing micro-grids under a tenant that requires full coverage without overlaps.\n\n");
    lines.Append("| grid | name | micro-grids | households |\n|---|---|---|---|\n");
    foreach (var p in parents)
    {
        var children = sample.Fixed.Where(u => u.Parent == p).ToList();
        lines.Append($"| `{p.Code}` | {p.Parent!.Name}{p.Name} | {children.Count} (`{children[0].Code}` … `{children[^1].Code}`) | {p.Households} |\n");
    }

    lines.Append('\n');
    lines.Append("- `micro-grids-fixed.geojson`: the micro-grids tile their grids: no overlap, no gap, none outside its grid (within 1 m²).\n");
    lines.Append($"- `micro-grids.geojson`: the same, except that **`{sample.Pushed.Code}`** ({sample.Pushed.Name}) is pushed about 30 m into its ");
    lines.Append($"neighbour **`{sample.Neighbour.Code}`** ({sample.Neighbour.Name}) along part of their common border: the two overlap by about ");
    lines.Append($"{Math.Round(sample.OverlapSquareMetres / 100) * 100:0} m². That is the only overlap; every other pair is as in the fixed file.\n");
    return lines.ToString();
}
