using System.Globalization;
using GovPlatform.Grid;
using GovPlatform.RedGrid.Members;

namespace GovPlatform.RedGrid.Reports;

/// <summary>The combined workbook: a sheet per section, a row per unit and the total, names and headers in the reader's language.</summary>
internal static class ReportsExport
{
    public static Dictionary<string, object> Sheets(CombinedReport report, CultureInfo culture)
    {
        var en = culture.TwoLetterISOLanguageName == "en";
        string T(string zh, string english) => en ? english : zh;
        var total = report.Unit is { } unit ? T("合计：", "Total: ") + unit.DisplayName(culture) : T("合计", "Total");

        // Each sheet: the unit's code and name, then the section's columns; the total row last.
        List<Dictionary<string, object>> Sheet<TFigures>(IReadOnlyList<TFigures> rows, TFigures sum, Action<Dictionary<string, object>, TFigures> columns)
        {
            Dictionary<string, object> Row(string code, string name, TFigures figures)
            {
                var row = new Dictionary<string, object>(StringComparer.Ordinal) { [T("编码", "Code")] = code, [T("单位", "Unit")] = name };
                columns(row, figures);
                return row;
            }

            var list = report.Units.Select((u, i) => Row(u.Code, u.DisplayName(culture), rows[i])).ToList();
            list.Add(Row(report.Unit?.Code ?? "", total, sum));
            return list;
        }

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [T("组织覆盖", "Coverage")] = Sheet(report.Coverage, report.CoverageTotal, (row, f) =>
            {
                row[T("网格数", "Grids")] = f.Grids;
                row[T("已建支部", "With a branch")] = f.GridsCovered;
                row[T("支部覆盖率", "Branch coverage")] = Share(f.GridsCovered, f.Grids);
                row[T("楼院数", "Courtyards")] = f.Courtyards;
                row[T("已建小组", "With a group")] = f.CourtyardsCovered;
                row[T("小组覆盖率", "Group coverage")] = Share(f.CourtyardsCovered, f.Courtyards);
                row[T("党员中心户", "Member households")] = f.Households;
            }),
            [T("在职党员报到", "Member reporting")] = Sheet<ReportingRow>(report.Reporting, report.ReportingTotal, (row, f) =>
            {
                row[T("居住在职党员", "In-service members living there")] = f.Living;
                row[T("已报到", "Reported")] = f.Reported;
                row[T("报到率", "Reporting rate")] = Share(f.Reported, f.Living);
                row[T("派发任务", "Tasks given")] = f.TasksGiven;
                row[T("完成任务", "Tasks done")] = f.TasksDone;
                row[T("服务时长（小时）", "Hours of service")] = f.Hours;
            }),
            [T("共建项目", "Projects")] = Sheet(report.Projects, report.ProjectsTotal, (row, f) =>
            {
                row[T("对接项目", "Projects matched")] = f.Matched;
                row[T("完成项目", "Projects completed")] = f.Completed;
                row[T("受益人数", "Beneficiaries")] = f.Beneficiaries;
            }),
            [T("双结对帮扶", "Pairing help")] = Sheet(report.Help, report.HelpTotal, (row, f) =>
            {
                row[T("帮扶资金（元）", "Money (yuan)")] = f.MoneyFen / 100m;
                row[T("物资折价（元）", "Goods (yuan)")] = f.GoodsFen / 100m;
                row[T("解决问题", "Problems solved")] = f.Problems;
                row[T("走访次数", "Visits")] = f.Visits;
            }),
            [T("党群服务中心", "Service centres")] = Sheet(report.Centres, report.CentresTotal, (row, f) =>
            {
                row[T("区级", "District")] = f.District;
                row[T("街道级", "Street")] = f.Street;
                row[T("社区级", "Community")] = f.Community;
                row[T("合计", "All levels")] = f.Total;
            }),
        };
    }

    /// <summary>A share as a number of percent with one decimal (blank when there is nothing to divide by), as the coverage workbook writes it.</summary>
    private static object Share(int part, int whole) => whole == 0 ? "" : Math.Round(100.0 * part / whole, 1);
}
