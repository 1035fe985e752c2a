using NetTopologySuite.Geometries;

namespace GovPlatform.Tools.GridSeed;

/// <summary>A grid unit as the generator builds it: the file's properties, plus its shape in local metres.</summary>
internal sealed class Unit
{
    public required string Code { get; init; }

    public required string Name { get; set; }

    public string? EnglishName { get; set; }

    /// <summary>Position of the unit's level, 1 for the top.</summary>
    public required int Level { get; init; }

    public Unit? Parent { get; init; }

    public string Kind { get; init; } = "territorial";

    public string? Department { get; init; }

    public int Households { get; set; }

    public int Residents { get; set; }

    public int Buildings { get; set; }

    public string? Notes { get; set; }

    /// <summary>What the unit is beyond its level, for the generator only (社区 or 村 in 万源).</summary>
    public string? Type { get; set; }

    /// <summary>The shape in the district's local metres, at full precision.</summary>
    public Geometry? Shape { get; set; }

    /// <summary>The written boundary: WGS84, rounded to 6 decimals.</summary>
    public Geometry? Boundary { get; set; }

    public List<Unit> Children { get; } = [];

    public bool IsTerritorial => Kind == "territorial";

    /// <summary>A child whose code is this unit's code, a dash and <paramref name="segment"/> padded to <paramref name="width"/> digits.</summary>
    public Unit AddChild(int segment, int width, string name, Geometry? shape = null, string? englishName = null)
    {
        var child = new Unit
        {
            Code = $"{Code}-{segment.ToString().PadLeft(width, '0')}",
            Name = name,
            EnglishName = englishName,
            Level = Level + 1,
            Parent = this,
            Shape = shape,
        };
        Children.Add(child);
        return child;
    }

    /// <summary>This unit and every unit below it, parents before children.</summary>
    public IEnumerable<Unit> Descendants()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var unit in child.Descendants())
            {
                yield return unit;
            }
        }
    }

    /// <summary>Gives every unit with territorial children the sum of their households, residents and buildings.</summary>
    public void SumUp()
    {
        var territorial = Children.Where(c => c.IsTerritorial).ToList();
        foreach (var child in Children)
        {
            child.SumUp();
        }

        if (territorial.Count > 0)
        {
            Households = territorial.Sum(c => c.Households);
            Residents = territorial.Sum(c => c.Residents);
            Buildings = territorial.Sum(c => c.Buildings);
        }
    }
}

/// <summary>A person in the grid: the same name, phone, kind and team on each of their rows.</summary>
internal sealed record Person(string Name, string Phone, string Kind, string Team, DateOnly StartDate, string? Notes);

/// <summary>One row of grid-workers.csv: a person's post in a unit.</summary>
internal sealed record Assignment(Person Person, string Unit, string Role);

/// <summary>What the checks expect of a tenant's files.</summary>
internal sealed record Expectation
{
    /// <summary>Units per level position (territorial and professional).</summary>
    public required IReadOnlyDictionary<int, int> UnitsPerLevel { get; init; }

    /// <summary>Whether every unit has a boundary (false: the template's CSV).</summary>
    public bool Boundaries { get; init; } = true;

    /// <summary>Households range of a level's units, when the recipe sets one.</summary>
    public IReadOnlyDictionary<int, (int Min, int Max)> HouseholdRanges { get; init; } = new Dictionary<int, (int, int)>();

    /// <summary>Rows per (role, kind) of the workers' file, where the district's figures fix them.</summary>
    public IReadOnlyDictionary<(string Role, string Kind), int> Rows { get; init; } = new Dictionary<(string, string), int>();

    /// <summary>Distinct people per kind among the rows with role worker, where the figures fix them.</summary>
    public IReadOnlyDictionary<string, int> Workers { get; init; } = new Dictionary<string, int>();
}

/// <summary>One district (or the template) as generated.</summary>
internal sealed class TenantData
{
    public required string Folder { get; init; }

    public required string UnitsFile { get; init; }

    public required string WorkersFile { get; init; }

    public required Unit Root { get; init; }

    public required List<Assignment> Assignments { get; init; }

    public required Expectation Expect { get; init; }

    public LocalProjection? Projection { get; init; }

    /// <summary>万源 only: the micro-grid sample, fixed and with its one overlap.</summary>
    public MicroGridSample? Sample { get; set; }
}

/// <summary>The micro-grids (level 5) of three 万源 grids: the fixed set and the set where one overlaps a neighbour.</summary>
internal sealed class MicroGridSample
{
    public required List<Unit> Fixed { get; init; }

    /// <summary>The micro-grid pushed into its neighbour, with its shape and boundary after the push.</summary>
    public required Unit Pushed { get; init; }

    public required Unit Neighbour { get; init; }

    public required double OverlapSquareMetres { get; init; }
}
