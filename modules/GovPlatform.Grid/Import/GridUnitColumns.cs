namespace GovPlatform.Grid.Import;

/// <summary>The columns of a units file (and the properties of a units GeoJSON feature), in the order exports write them.</summary>
internal static class GridUnitColumns
{
    public static readonly GridColumn Code = new("code", "编码", Required: true);
    public static readonly GridColumn Name = new("name", "名称", Required: true);
    public static readonly GridColumn EnglishName = new("englishName", "英文名称");
    public static readonly GridColumn Level = new("level", "层级");
    public static readonly GridColumn Parent = new("parent", "上级编码");
    public static readonly GridColumn Kind = new("kind", "类型");
    public static readonly GridColumn Department = new("department", "部门");
    public static readonly GridColumn Households = new("households", "户数");
    public static readonly GridColumn Residents = new("residents", "人口");
    public static readonly GridColumn Buildings = new("buildings", "楼栋数");
    public static readonly GridColumn Notes = new("notes", "备注");

    /// <summary>A GeoJSON geometry as text; CSV and xlsx only (a feature has its geometry).</summary>
    public static readonly GridColumn Boundary = new("boundary", "边界");

    /// <summary>Every column of a CSV or xlsx units file.</summary>
    public static readonly IReadOnlyList<GridColumn> All = [Code, Name, EnglishName, Level, Parent, Kind, Department, Households, Residents, Buildings, Notes, Boundary];

    /// <summary>The properties of a GeoJSON feature.</summary>
    public static readonly IReadOnlyList<GridColumn> Properties = [.. All.Where(c => c != Boundary)];
}
