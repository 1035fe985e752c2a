using System.Text.RegularExpressions;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Import;

/// <summary>
/// Checks a workers file against the grid and the existing workers: who the people are (rows with the same phone, or
/// else the same name, are one person in several units), which existing worker each is, and their assignments.
/// Every problem is reported, not the first; the plan is applied only when it has none.
/// </summary>
internal static partial class GridWorkerImportPlanner
{
    public const string PhoneKeyPrefix = "tel:";
    public const string NameKeyPrefix = "name:";

    public static GridWorkerImportPlan Plan(
        GridTree tree, IReadOnlyList<GridWorkerRow> rows, IReadOnlyList<GridImportError> readErrors, IReadOnlyList<ExistingWorker> existing, DateOnly today)
    {
        var errors = new List<GridImportError>(readErrors);

        // A row without a phone belongs to the person of that name who has one in the file, when there is exactly one.
        var phoneKeysByName = rows.Where(r => r.Name.Length > 0 && GridPatterns.IsPhone(r.Phone))
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => PhoneKey(r.Phone!)).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var people = new Dictionary<string, GridWorkerPlanEntry>(StringComparer.Ordinal);
        var currentLeaders = new Dictionary<long, GridWorkerRow>();
        foreach (var row in rows)
        {
            CheckFields(row, errors);
            var key = Key(row, phoneKeysByName);
            if (key is null)
            {
                continue;
            }

            if (!people.TryGetValue(key, out var person))
            {
                person = new GridWorkerPlanEntry(key, row);
                people.Add(key, person);
            }
            else
            {
                Merge(person, row, errors);
            }

            if (Assignment(tree, row, today, errors) is { } assignment)
            {
                CheckAssignment(person, assignment, row, today, currentLeaders, errors);
                person.Assignments.Add(assignment);
            }
        }

        MatchExisting(people.Values, existing, errors);
        return new GridWorkerImportPlan([.. people.Values.Select(p => p.ToPlanned())], GridImportChecks.InRowOrder(errors));
    }

    private static string PhoneKey(string phone) => PhoneKeyPrefix + GridPatterns.NormalizePhone(phone);

    private static string? Key(GridWorkerRow row, Dictionary<string, List<string>> phoneKeysByName)
    {
        if (GridPatterns.IsPhone(row.Phone))
        {
            return PhoneKey(row.Phone!);
        }

        if (row.Name.Length == 0)
        {
            return null;
        }

        return row.Phone is null && phoneKeysByName.TryGetValue(row.Name, out var keys) && keys.Count == 1 ? keys[0] : NameKeyPrefix + row.Name;
    }

    private static void CheckFields(GridWorkerRow row, List<GridImportError> errors)
    {
        if (row.Name.Length == 0)
        {
            errors.Add(Error(row, GridWorkerColumns.Name, "姓名必填", "name is required"));
        }

        GridImportChecks.Length(errors, row.Row, GridWorkerColumns.Name, row.Name, 50);
        if (row.Phone is not null && !GridPatterns.IsPhone(row.Phone))
        {
            errors.Add(Error(row, GridWorkerColumns.Phone,
                $"电话“{row.Phone}”无效：应为 5 到 20 个数字、+、- 或空格",
                $"phone \"{row.Phone}\" is invalid: it has 5 to 20 digits, '+', '-' or spaces"));
        }

        GridImportChecks.Length(errors, row.Row, GridWorkerColumns.UserName, row.UserName, 256);
        GridImportChecks.Length(errors, row.Row, GridWorkerColumns.Notes, row.Notes, 2000);
    }

    /// <summary>Another row of a known person: what the rows say about the person must agree.</summary>
    private static void Merge(GridWorkerPlanEntry person, GridWorkerRow row, List<GridImportError> errors)
    {
        var first = person.First;
        var (who, whoEnglish) = person.Describe();
        if (!string.Equals(first.Name, row.Name, StringComparison.Ordinal))
        {
            errors.Add(Error(row, GridWorkerColumns.Name,
                $"与第 {first.Row} 行是同一人（{who}），但姓名不同：“{first.Name}”和“{row.Name}”",
                $"the same person as row {first.Row} ({whoEnglish}), but the name differs: \"{first.Name}\" and \"{row.Name}\""));
        }

        if (first.Kind != row.Kind)
        {
            errors.Add(Error(row, GridWorkerColumns.Kind,
                $"与第 {first.Row} 行是同一人（{who}），但类别不同：{GridImportNames.WorkerKind.Describe(first.Kind)} 和 {GridImportNames.WorkerKind.Describe(row.Kind)}",
                $"the same person as row {first.Row} ({whoEnglish}), but the kind differs: {GridImportNames.WorkerKind.Describe(first.Kind)} and {GridImportNames.WorkerKind.Describe(row.Kind)}"));
        }

        if (first.Team != row.Team)
        {
            errors.Add(Error(row, GridWorkerColumns.Team,
                $"与第 {first.Row} 行是同一人（{who}），但队伍不同：{GridImportNames.Team.Describe(first.Team)} 和 {GridImportNames.Team.Describe(row.Team)}",
                $"the same person as row {first.Row} ({whoEnglish}), but the team differs: {GridImportNames.Team.Describe(first.Team)} and {GridImportNames.Team.Describe(row.Team)}"));
        }

        if (row.UserName is not null)
        {
            if (person.UserName is null)
            {
                person.UserName = row.UserName;
                person.UserNameRow = row.Row;
            }
            else if (!string.Equals(person.UserName, row.UserName, StringComparison.Ordinal))
            {
                errors.Add(Error(row, GridWorkerColumns.UserName,
                    $"与第 {person.UserNameRow} 行是同一人（{who}），但用户名不同：“{person.UserName}”和“{row.UserName}”",
                    $"the same person as row {person.UserNameRow} ({whoEnglish}), but the user name differs: \"{person.UserName}\" and \"{row.UserName}\""));
            }
        }

        person.Phone ??= row.Phone;
        person.Notes ??= row.Notes;
    }

    private static PlannedAssignment? Assignment(GridTree tree, GridWorkerRow row, DateOnly today, List<GridImportError> errors)
    {
        var start = row.StartDate ?? today;
        if (row.EndDate is { } end && end < start)
        {
            errors.Add(Error(row, GridWorkerColumns.EndDate,
                $"结束日期 {end:yyyy-MM-dd} 早于开始日期 {start:yyyy-MM-dd}",
                $"end date {end:yyyy-MM-dd} is before start date {start:yyyy-MM-dd}"));
        }

        if (row.UnitCode.Length == 0)
        {
            errors.Add(Error(row, GridWorkerColumns.Unit, "网格编码必填", "unit is required"));
            return null;
        }

        if (tree.Find(row.UnitCode) is not { } unit)
        {
            errors.Add(Error(row, GridWorkerColumns.Unit,
                $"网格编码“{row.UnitCode}”不存在",
                $"there is no unit with code \"{row.UnitCode}\""));
            return null;
        }

        return new PlannedAssignment(row.Row, unit, row.Role, start, row.EndDate);
    }

    private static void CheckAssignment(
        GridWorkerPlanEntry person, PlannedAssignment assignment, GridWorkerRow row, DateOnly today, Dictionary<long, GridWorkerRow> currentLeaders, List<GridImportError> errors)
    {
        if (person.Assignments.FirstOrDefault(a => a.Unit == assignment.Unit && a.Role == assignment.Role && a.StartDate == assignment.StartDate) is { } same)
        {
            errors.Add(Error(row, GridWorkerColumns.Unit,
                $"与第 {same.Row} 行重复：同一人、同一网格“{assignment.Unit.Code}”、同一岗位、同一开始日期",
                $"repeats row {same.Row}: the same person, unit \"{assignment.Unit.Code}\", role and start date"));
        }

        // A unit has one leader at a time: two current ones in a file is a mistake in the file.
        if (assignment.Role == GridRole.Leader && (assignment.EndDate is null || assignment.EndDate >= today))
        {
            if (currentLeaders.TryGetValue(assignment.Unit.Id, out var other))
            {
                errors.Add(Error(row, GridWorkerColumns.Role,
                    $"网格“{assignment.Unit.Code}”已有现任网格长：第 {other.Row} 行的 {other.Name}；一个网格同时只有一名网格长",
                    $"unit \"{assignment.Unit.Code}\" already has a current leader, {other.Name} in row {other.Row}: a unit has one leader at a time"));
            }
            else
            {
                currentLeaders.Add(assignment.Unit.Id, row);
            }
        }
    }

    /// <summary>Each person is an existing worker with the same phone, else the only existing worker with the same name (when the phones do not differ).</summary>
    private static void MatchExisting(IEnumerable<GridWorkerPlanEntry> people, IReadOnlyList<ExistingWorker> existing, List<GridImportError> errors)
    {
        var byPhone = existing.Where(w => w.Phone is not null).ToLookup(w => GridPatterns.NormalizePhone(w.Phone!), StringComparer.Ordinal);
        var byName = existing.ToLookup(w => w.Name, StringComparer.Ordinal);
        var claimed = new Dictionary<long, GridWorkerPlanEntry>();
        foreach (var person in people)
        {
            var phone = person.Phone is { } p && GridPatterns.IsPhone(p) ? GridPatterns.NormalizePhone(p) : null;
            var phoneMatches = phone is null ? [] : byPhone[phone].ToList();
            if (phoneMatches.Count > 1)
            {
                errors.Add(Error(person.First, GridWorkerColumns.Phone,
                    $"已有 {phoneMatches.Count} 名网格人员使用电话 {person.Phone}，无法确定是哪一位",
                    $"{phoneMatches.Count} existing workers have phone {person.Phone}: cannot tell which one this is"));
                continue;
            }

            var nameMatches = byName[person.First.Name].ToList();
            var match = phoneMatches.Count == 1 ? phoneMatches[0]
                : nameMatches.Count == 1 && (phone is null || nameMatches[0].Phone is null) ? nameMatches[0]
                : null;
            if (match is null)
            {
                continue;
            }

            if (claimed.TryGetValue(match.Id, out var other))
            {
                errors.Add(Error(person.First, GridWorkerColumns.Name,
                    $"第 {other.First.Row} 行和第 {person.First.Row} 行都对应已有的网格人员 {match.Name}，但在文件中是两个人（电话不同或缺少电话）",
                    $"rows {other.First.Row} and {person.First.Row} both match the existing worker {match.Name}, but are two people in the file (different or missing phones)"));
                continue;
            }

            claimed.Add(match.Id, person);
            person.ExistingId = match.Id;
        }
    }

    private static GridImportError Error(GridWorkerRow row, GridColumn column, string chinese, string english) =>
        new(row.Row, column.Name, new(chinese, english));
}
