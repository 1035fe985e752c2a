namespace GovPlatform.Grid.Import;

/// <summary>What a workers file would do, with every problem found in it; apply it only when valid, in one transaction.</summary>
internal sealed record GridWorkerImportPlan(IReadOnlyList<PlannedWorker> Workers, IReadOnlyList<GridImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
