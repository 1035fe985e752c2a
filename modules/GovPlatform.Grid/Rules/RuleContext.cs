using GovPlatform.Grid.Models;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GovPlatform.Grid.Rules;

/// <summary>
/// One run of the rules: the units by code and by parent, and the metric boundaries, projected and repaired only when
/// a rule asks for them, so that checking around one edited unit touches little more than its neighbours.
/// </summary>
internal sealed class RuleContext
{
    private static readonly IReadOnlyList<RuleUnit> NoUnits = [];

    private readonly Dictionary<string, RuleUnit> _byCode;
    private readonly Dictionary<string, List<RuleUnit>> _childrenByParent = new(StringComparer.Ordinal);
    private readonly List<RuleUnit> _roots = [];
    private readonly Dictionary<int, GridLevelInfo> _levelsByDepth = [];
    private readonly Dictionary<string, Geometry?> _metric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPreparedGeometry> _prepared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, STRtree<RuleUnit>> _siblingIndexes = new(StringComparer.Ordinal);
    private STRtree<RuleUnit>? _rootIndex;

    public RuleContext(IReadOnlyList<RuleUnit> units, IReadOnlyList<GridLevelInfo> levels, GridRuleSettings settings, IReadOnlySet<string>? around)
    {
        Units = units;
        Settings = settings;
        Around = around;
        Tolerance = new SliverTolerance(settings.ToleranceMeters);
        _byCode = new Dictionary<string, RuleUnit>(units.Count, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!_byCode.TryAdd(unit.Code, unit))
            {
                throw new ArgumentException($"Unit code {unit.Code} appears twice.", nameof(units));
            }

            if (unit.ParentCode is null)
            {
                _roots.Add(unit);
            }
            else
            {
                if (!_childrenByParent.TryGetValue(unit.ParentCode, out var children))
                {
                    children = [];
                    _childrenByParent.Add(unit.ParentCode, children);
                }

                children.Add(unit);
            }
        }

        foreach (var level in levels)
        {
            _levelsByDepth.TryAdd(level.Depth, level);
        }

        // Envelopes only: cheap next to an overlay, and the same centre whatever `around` holds, so a finding's area
        // does not depend on which edit asked for it.
        Projection = LocalProjection.Around(units.Select(u => u.Boundary));
    }

    public IReadOnlyList<RuleUnit> Units { get; }

    public GridRuleSettings Settings { get; }

    /// <summary>The codes to report on, or null for every unit.</summary>
    public IReadOnlySet<string>? Around { get; }

    public SliverTolerance Tolerance { get; }

    public LocalProjection Projection { get; }

    public RuleUnit? Find(string? code) => code is null ? null : _byCode.GetValueOrDefault(code);

    /// <summary>The units below <paramref name="code"/>, or the top units for null.</summary>
    public IReadOnlyList<RuleUnit> ChildrenOf(string? code) =>
        code is null ? _roots : _childrenByParent.TryGetValue(code, out var children) ? children : NoUnits;

    public GridLevelInfo? LevelAt(int depth) => _levelsByDepth.GetValueOrDefault(depth);

    /// <summary>The units of <see cref="Around"/> that exist, or every unit.</summary>
    public IEnumerable<RuleUnit> AroundUnits() =>
        Around is null ? Units : Around.Select(code => _byCode.GetValueOrDefault(code)).OfType<RuleUnit>();

    /// <summary>Whether a finding on this unit is wanted.</summary>
    public bool IsAround(string code) => Around is null || Around.Contains(code);

    /// <summary>The unit's boundary on the metric plane, valid and polygonal, or null without a usable one.</summary>
    public Geometry? Metric(RuleUnit unit)
    {
        if (!_metric.TryGetValue(unit.Code, out var metric))
        {
            metric = unit.Boundary is { IsEmpty: false } boundary ? SafeOverlay.Repair(Projection.ToMetres(boundary)) : null;
            _metric.Add(unit.Code, metric);
        }

        return metric;
    }

    /// <summary>The metric boundary prepared for repeated predicates (a parent tested against each of its children).</summary>
    public IPreparedGeometry? Prepared(RuleUnit unit)
    {
        if (_prepared.TryGetValue(unit.Code, out var prepared))
        {
            return prepared;
        }

        if (Metric(unit) is not { } metric)
        {
            return null;
        }

        prepared = PreparedGeometryFactory.Prepare(metric);
        _prepared.Add(unit.Code, prepared);
        return prepared;
    }

    /// <summary>
    /// The territorial units with a boundary below <paramref name="parentCode"/>, indexed by their WGS84 envelopes
    /// (the projection keeps axis-aligned envelopes apart or together), so finding a unit's neighbours projects nothing
    /// but the neighbours.
    /// </summary>
    public STRtree<RuleUnit> TerritorialSiblingIndex(string? parentCode)
    {
        var cached = parentCode is null ? _rootIndex : _siblingIndexes.GetValueOrDefault(parentCode);
        if (cached is not null)
        {
            return cached;
        }

        var index = new STRtree<RuleUnit>();
        foreach (var unit in ChildrenOf(parentCode))
        {
            if (unit.Kind == GridUnitKind.Territorial && unit.Boundary is { IsEmpty: false } boundary)
            {
                index.Insert(boundary.EnvelopeInternal, unit);
            }
        }

        index.Build();
        if (parentCode is null)
        {
            _rootIndex = index;
        }
        else
        {
            _siblingIndexes.Add(parentCode, index);
        }

        return index;
    }
}
