using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Import;

/// <summary>A person of an import plan, with the assignments of all their rows.</summary>
/// <param name="Key">What makes rows the same person: <c>tel:</c> and the phone's digits, or <c>name:</c> and the name.</param>
/// <param name="Phone">The phone as first written in the person's rows, or null when none gives one (keep the existing phone then).</param>
/// <param name="UserName">The linked user account, or null when no row gives one.</param>
/// <param name="Notes">The first notes given in the person's rows, or null.</param>
/// <param name="ExistingId">The existing worker the person is, or null for a new worker.</param>
internal sealed record PlannedWorker(
    string Key,
    string Name,
    string? Phone,
    GridWorkerKind Kind,
    GridTeam Team,
    string? UserName,
    string? Notes,
    long? ExistingId,
    IReadOnlyList<PlannedAssignment> Assignments);
