using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Import;

/// <summary>The planner's working state for one person: their first row, and what their rows add up to.</summary>
internal sealed class GridWorkerPlanEntry(string key, GridWorkerRow first)
{
    public string Key { get; } = key;

    public GridWorkerRow First { get; } = first;

    public string? Phone { get; set; } = first.Phone;

    public string? UserName { get; set; } = first.UserName;

    public int? UserNameRow { get; set; } = first.UserName is null ? null : first.Row;

    public string? Notes { get; set; } = first.Notes;

    public long? ExistingId { get; set; }

    public List<PlannedAssignment> Assignments { get; } = [];

    /// <summary>The person for a message: <c>电话 138…</c> / <c>phone 138…</c>, or by name.</summary>
    public (string Chinese, string English) Describe() => Key.StartsWith(GridWorkerImportPlanner.PhoneKeyPrefix, StringComparison.Ordinal)
        ? ($"电话 {Phone}", $"phone {Phone}")
        : ($"姓名 {First.Name}", $"name {First.Name}");

    public PlannedWorker ToPlanned() =>
        new(Key, First.Name, Phone, First.Kind, First.Team, UserName, Notes, ExistingId, Assignments);
}
