using System.Globalization;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Themes;

namespace GovPlatform.Grid.Components;

/// <summary>The grid pages' base: the tenant's base path, and texts in the reader's language (Chinese by default, English for <c>en</c>).</summary>
public abstract class GridComponent : PageComponent
{
    protected string UnitUrl(string code) => Url($"admin/grid/units/{Uri.EscapeDataString(code)}");

    internal static string RoleName(GridRole role) => role switch
    {
        GridRole.Leader => L("网格长", "Grid leader"),
        GridRole.Worker => L("网格员", "Grid worker"),
        GridRole.CommunityPolice => L("社区民警", "Community police"),
        GridRole.Instructor => L("网格指导员", "Grid instructor"),
        GridRole.Liaison => L("业务联络员", "Liaison"),
        _ => L("队伍成员", "Team member"),
    };

    internal static string KindName(GridWorkerKind kind) => kind switch
    {
        GridWorkerKind.FullTime => L("专职", "Full-time"),
        GridWorkerKind.PartTime => L("兼职", "Part-time"),
        _ => L("辅助", "Auxiliary"),
    };

    internal static string TeamName(GridTeam team) => team switch
    {
        GridTeam.PoliticalLegal => L("政法", "Political-legal"),
        GridTeam.Emergency => L("应急", "Emergency"),
        GridTeam.Militia => L("民兵", "Militia"),
        GridTeam.Cadres => L("干部", "Cadres"),
        GridTeam.Volunteers => L("志愿者", "Volunteers"),
        _ => L("无", "None"),
    };

    internal static string FindingName(GridFindingKind kind) => kind switch
    {
        GridFindingKind.OutsideParent => L("超出上级", "Outside its parent"),
        GridFindingKind.Overlap => L("重叠", "Overlap"),
        GridFindingKind.Gap => L("空白", "Gap"),
        GridFindingKind.TooFewHouseholds => L("户数偏少", "Too few households"),
        _ => L("户数偏多", "Too many households"),
    };

    protected static string N(double value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
