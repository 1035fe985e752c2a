using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Import;

/// <summary>The file names of the grid's enums, shared by the reader and the exporter so that exports read back.</summary>
internal static class GridImportNames
{
    public static readonly GridEnumNames<GridUnitKind> UnitKind = new(
        (GridUnitKind.Territorial, "territorial", "地域"),
        (GridUnitKind.Professional, "professional", "专业"));

    public static readonly GridEnumNames<GridWorkerKind> WorkerKind = new(
        (GridWorkerKind.FullTime, "fullTime", "专职"),
        (GridWorkerKind.PartTime, "partTime", "兼职"),
        (GridWorkerKind.Auxiliary, "auxiliary", "辅助"));

    public static readonly GridEnumNames<GridTeam> Team = new(
        (GridTeam.None, "none", "无"),
        (GridTeam.PoliticalLegal, "politicalLegal", "政法"),
        (GridTeam.Emergency, "emergency", "应急"),
        (GridTeam.Militia, "militia", "民兵"),
        (GridTeam.Cadres, "cadres", "干部"),
        (GridTeam.Volunteers, "volunteers", "志愿者"));

    public static readonly GridEnumNames<GridRole> Role = new(
        (GridRole.Leader, "leader", "网格长"),
        (GridRole.Worker, "worker", "网格员"),
        (GridRole.CommunityPolice, "communityPolice", "社区民警"),
        (GridRole.Instructor, "instructor", "网格指导员"),
        (GridRole.Liaison, "liaison", "业务联络员"),
        (GridRole.TeamMember, "teamMember", "队伍成员"));
}
