namespace GovPlatform.Grid.Import;

/// <summary>The columns of a workers file, in the order exports write them.</summary>
internal static class GridWorkerColumns
{
    public static readonly GridColumn Name = new("name", "姓名", Required: true);
    public static readonly GridColumn Phone = new("phone", "电话");
    public static readonly GridColumn Kind = new("kind", "类别");
    public static readonly GridColumn Team = new("team", "队伍");
    public static readonly GridColumn Unit = new("unit", "网格编码", Required: true);
    public static readonly GridColumn Role = new("role", "岗位");
    public static readonly GridColumn StartDate = new("startDate", "开始日期");
    public static readonly GridColumn EndDate = new("endDate", "结束日期");
    public static readonly GridColumn UserName = new("userName", "用户名");
    public static readonly GridColumn Notes = new("notes", "备注");

    public static readonly IReadOnlyList<GridColumn> All = [Name, Phone, Kind, Team, Unit, Role, StartDate, EndDate, UserName, Notes];
}
