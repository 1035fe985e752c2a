using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Import;

/// <summary>One assignment of a worker, as a row of a workers export (the import's format, so an export reads back).</summary>
internal sealed record WorkerExportRow(
    string Name,
    string? Phone,
    GridWorkerKind Kind,
    GridTeam Team,
    string UnitCode,
    GridRole Role,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? UserName,
    string? Notes);
