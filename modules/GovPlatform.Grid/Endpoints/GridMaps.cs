using System.Globalization;
using GovPlatform.Grid.Map;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Endpoints;

/// <summary>The maps the pages draw: a unit with its children and its findings, an overview of the top units.</summary>
internal static class GridMaps
{
    /// <summary>The children of the user's top units (or the units themselves when they have no children with boundaries).</summary>
    public static string Overview(HttpContext context, IReadOnlyList<GridNode> roots)
    {
        var shapes = new List<MapShape>();
        foreach (var root in roots)
        {
            var children = root.Children.Where(c => c.Boundary is not null).ToList();
            if (children.Count == 0 && root.Boundary is { } own)
            {
                shapes.Add(Shape(context, root, own, "is-selected"));
            }

            shapes.AddRange(children.Select(c => Shape(context, c, c.Boundary!, "")));
        }

        return SvgMap.Render(shapes, new MapOptions(AriaLabel: Culture(new("网格总览图", "Map of the grid"))));
    }

    /// <summary>A unit (outlined), its children (linked), and the findings around it.</summary>
    public static string Unit(HttpContext context, GridNode unit, IReadOnlyList<GridFinding>? findings)
    {
        var shapes = new List<MapShape>();
        var children = unit.Children.Where(c => c.Boundary is not null).ToList();
        if (unit.Boundary is { } boundary)
        {
            // As the outline around its units the unit carries no label: its name would sit on their shared borders.
            shapes.Add(Shape(context, unit, boundary, children.Count > 0 ? "is-parent" : "is-selected") with { Href = null, Label = children.Count > 0 ? "" : unit.Unit.Name });
        }

        shapes.AddRange(children.Select(c => Shape(context, c, c.Boundary!, "")));
        AddFindings(shapes, findings);
        return SvgMap.Render(shapes, new MapOptions(AriaLabel: Culture(new($"{unit.Unit.Name}地图", $"Map of {unit.Unit.Name}"))));
    }

    /// <summary>The findings over the units they involve.</summary>
    /// <remarks><paramref name="proposed"/>: boundaries of an import or edit that is not stored (yet), drawn instead of the stored ones.</remarks>
    public static string Findings(HttpContext context, GridTree tree, IReadOnlyList<GridFinding> findings, IReadOnlyDictionary<string, (string Name, Geometry Boundary)>? proposed = null)
    {
        var shapes = new List<MapShape>();
        foreach (var code in findings.SelectMany(f => new[] { f.UnitCode, f.OtherCode }).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (proposed is not null && proposed.TryGetValue(code, out var edit))
            {
                shapes.Add(new MapShape(code, edit.Name, edit.Boundary, "", null, $"{edit.Name} ({code})"));
            }
            else if (tree.Find(code) is { Boundary: { } boundary } node)
            {
                shapes.Add(Shape(context, node, boundary, ""));
            }
        }

        AddFindings(shapes, findings);
        return SvgMap.Render(shapes, new MapOptions(AriaLabel: Culture(new("规则检查结果地图", "Map of the rule findings"))));
    }

    private static MapShape Shape(HttpContext context, GridNode node, Geometry boundary, string cssClass) =>
        new(node.Code, node.Unit.Name, boundary, cssClass, context.TenantPath($"admin/grid/units/{Uri.EscapeDataString(node.Code)}"), $"{node.Unit.Name} ({node.Code})");

    private static void AddFindings(List<MapShape> shapes, IReadOnlyList<GridFinding>? findings)
    {
        foreach (var finding in findings ?? [])
        {
            if (finding.Shape is { IsEmpty: false } shape)
            {
                var css = finding.Kind switch
                {
                    GridFindingKind.Overlap => "finding-overlap",
                    GridFindingKind.Gap => "finding-gap",
                    _ => "finding-outside",
                };
                shapes.Add(new MapShape(finding.UnitCode, "", shape, css, null, finding.Message.ToString()));
            }
        }
    }

    private static string Culture(Localization.BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}
