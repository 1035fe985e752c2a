using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Import;

/// <summary>One assignment row of a workers file, as read; text is trimmed and empty text is null (<see cref="Name"/> and <see cref="UnitCode"/> are empty when missing).</summary>
/// <param name="StartDate">The start date, or null for the day of the import.</param>
internal sealed record GridWorkerRow(
    int Row,
    string Name,
    string? Phone,
    GridWorkerKind Kind,
    GridTeam Team,
    string UnitCode,
    GridRole Role,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? UserName,
    string? Notes);
