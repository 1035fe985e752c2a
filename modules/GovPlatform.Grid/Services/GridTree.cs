using GovPlatform.Grid.Models;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GovPlatform.Grid.Services;

/// <summary>
/// An immutable snapshot of a tenant's grid at one revision: levels, units by code and former code, the tree with a
/// pre-order numbering (so "is X below Y" is two comparisons), and, built on first use, a spatial index of boundaries.
/// </summary>
public sealed class GridTree
{
    private readonly Dictionary<string, GridNode> _byCode;
    private readonly Dictionary<string, GridNode> _byFormerCode;
    private readonly Dictionary<long, GridNode> _byId;
    private readonly Lazy<STRtree<GridNode>> _spatial;

    public GridTree(long revision, IEnumerable<GridLevel> levels, IEnumerable<GridUnit> units, IEnumerable<GridCodeChange> codeChanges)
    {
        Revision = revision;
        var levelList = levels.OrderBy(l => l.Position).ToList();
        Levels = [.. levelList.Select(l => new GridLevelInfo(l.Position, new(l.Name, l.EnglishName), l.MinHouseholds, l.MaxHouseholds))];
        LevelEntities = levelList;
        var depthByLevel = levelList.ToDictionary(l => l.Id, l => l.Position);

        var unitList = units.ToList();
        _byId = new Dictionary<long, GridNode>(unitList.Count);
        foreach (var unit in unitList)
        {
            _byId[unit.Id] = new GridNode(unit, depthByLevel.GetValueOrDefault(unit.LevelId));
        }

        var roots = new List<GridNode>();
        foreach (var node in _byId.Values)
        {
            if (node.Unit.ParentId is { } parentId && _byId.TryGetValue(parentId, out var parent))
            {
                node.Parent = parent;
                parent.ChildList.Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }

        _byCode = new Dictionary<string, GridNode>(_byId.Count, StringComparer.Ordinal);
        foreach (var node in _byId.Values)
        {
            node.ChildList.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            node.Info = ToInfo(node);
            _byCode[node.Code] = node;
        }

        roots.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        Roots = roots;
        var order = new List<GridNode>(_byId.Count);
        foreach (var root in roots)
        {
            Number(root, order);
        }

        PreOrder = order;
        _byFormerCode = new Dictionary<string, GridNode>(StringComparer.Ordinal);
        foreach (var change in codeChanges)
        {
            if (_byId.TryGetValue(change.UnitId, out var node) && !_byCode.ContainsKey(change.OldCode))
            {
                _byFormerCode[change.OldCode] = node;
                node.FormerCodeList.Add(change.OldCode);
            }
        }

        _spatial = new Lazy<STRtree<GridNode>>(BuildSpatialIndex);
    }

    /// <summary>The revision of <c>gp_grid_state</c> the snapshot was read at.</summary>
    public long Revision { get; }

    /// <summary>Levels, top first.</summary>
    public IReadOnlyList<GridLevelInfo> Levels { get; }

    /// <summary>The level rows, top first.</summary>
    public IReadOnlyList<GridLevel> LevelEntities { get; }

    /// <summary>Units without a parent, by code.</summary>
    public IReadOnlyList<GridNode> Roots { get; }

    /// <summary>Every unit, depth first in code order.</summary>
    public IReadOnlyList<GridNode> PreOrder { get; }

    public int Count => _byId.Count;

    /// <summary>The unit by its code or a former code.</summary>
    public GridNode? Find(string? code) =>
        code is null ? null : _byCode.GetValueOrDefault(code) ?? _byFormerCode.GetValueOrDefault(code);

    /// <summary>The unit by its current code only.</summary>
    public GridNode? FindCurrent(string code) => _byCode.GetValueOrDefault(code);

    public GridNode? FindById(long id) => _byId.GetValueOrDefault(id);

    /// <summary>Whether a code is taken, now or formerly, by any unit.</summary>
    public bool IsCodeTaken(string code) => _byCode.ContainsKey(code) || _byFormerCode.ContainsKey(code);

    /// <summary>Whether <paramref name="node"/> is <paramref name="ancestor"/> or below it.</summary>
    public static bool IsWithin(GridNode ancestor, GridNode node) => node.Order >= ancestor.Order && node.Order <= ancestor.LastDescendantOrder;

    /// <summary>The unit and its descendants, depth first.</summary>
    public IEnumerable<GridNode> Subtree(GridNode root)
    {
        for (var i = root.Order; i <= root.LastDescendantOrder; i++)
        {
            yield return PreOrder[i];
        }
    }

    /// <summary>The ancestors of a unit, top first.</summary>
    public static List<GridNode> Ancestors(GridNode node)
    {
        var result = new List<GridNode>();
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            result.Add(parent);
        }

        result.Reverse();
        return result;
    }

    /// <summary>The deepest territorial unit whose boundary contains the point.</summary>
    public GridNode? Locate(double longitude, double latitude)
    {
        var point = GeoJson.Factory.CreatePoint(new Coordinate(longitude, latitude));
        GridNode? best = null;
        foreach (var candidate in _spatial.Value.Query(point.EnvelopeInternal))
        {
            if ((best is null || candidate.Depth > best.Depth) && candidate.PreparedBoundary!.Covers(point))
            {
                best = candidate;
            }
        }

        return best;
    }

    private STRtree<GridNode> BuildSpatialIndex()
    {
        var index = new STRtree<GridNode>();
        foreach (var node in PreOrder)
        {
            if (node.Unit.Kind == GridUnitKind.Territorial && node.Boundary is { } boundary)
            {
                node.PreparedBoundary = PreparedGeometryFactory.Prepare(boundary);
                index.Insert(boundary.EnvelopeInternal, node);
            }
        }

        index.Build();
        return index;
    }

    private static void Number(GridNode root, List<GridNode> order)
    {
        // Iterative: a deep (or corrupt) hierarchy must not overflow the stack.
        var stack = new Stack<(GridNode Node, bool Done)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, done) = stack.Pop();
            if (done)
            {
                node.LastDescendantOrder = order.Count - 1;
                continue;
            }

            node.Order = order.Count;
            order.Add(node);
            stack.Push((node, true));
            for (var i = node.ChildList.Count - 1; i >= 0; i--)
            {
                stack.Push((node.ChildList[i], false));
            }
        }
    }

    private static GridUnitInfo ToInfo(GridNode node) => new(
        node.Unit.Code, node.Unit.Name, node.Unit.EnglishName, node.Depth, node.Parent?.Code, node.Unit.Kind, node.Unit.Department,
        node.Unit.Households, node.Unit.Residents, node.Unit.Buildings, node.Unit.Boundary is not null);
}

/// <summary>A unit in a <see cref="GridTree"/>.</summary>
public sealed class GridNode(GridUnit unit, int depth)
{
    private readonly Lazy<Geometry?> _boundary = new(() => ReadBoundary(unit.Boundary), LazyThreadSafetyMode.PublicationOnly);

    public GridUnit Unit { get; } = unit;

    public string Code => Unit.Code;

    public long Id => Unit.Id;

    /// <summary>The level position of the unit (1 for the top level).</summary>
    public int Depth { get; } = depth;

    public GridNode? Parent { get; internal set; }

    public GridUnitInfo Info { get; internal set; } = default!;

    public IReadOnlyList<GridNode> Children => ChildList;

    public IReadOnlyList<string> FormerCodes => FormerCodeList;

    /// <summary>Position in the tree's pre-order.</summary>
    public int Order { get; internal set; }

    /// <summary>Position of the last unit of the subtree in pre-order.</summary>
    public int LastDescendantOrder { get; internal set; }

    /// <summary>The boundary, parsed on first use; null without one (or with an unreadable one, which the editor never stores).</summary>
    public Geometry? Boundary => _boundary.Value;

    internal IPreparedGeometry? PreparedBoundary { get; set; }

    internal List<GridNode> ChildList { get; } = [];

    internal List<string> FormerCodeList { get; } = [];

    private static Geometry? ReadBoundary(string? json)
    {
        try
        {
            return json is null ? null : GeoJson.ReadBoundary(json);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
