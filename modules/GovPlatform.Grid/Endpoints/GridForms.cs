namespace GovPlatform.Grid.Endpoints;

/// <summary>A post with no fields but the antiforgery token (delete, confirm).</summary>
public sealed class ConfirmForm
{
    public string? Confirm { get; set; }
}

/// <summary>The move form.</summary>
public sealed class MoveForm
{
    public string? ParentCode { get; set; }

    public string? NewCode { get; set; }

    public string? Reason { get; set; }
}

/// <summary>The assign form on a worker's page.</summary>
public sealed class AssignForm
{
    public string? UnitCode { get; set; }

    public Models.GridRole Role { get; set; } = Models.GridRole.Worker;

    public DateOnly? StartDate { get; set; }

    public string? Note { get; set; }
}

/// <summary>The form that ends a post.</summary>
public sealed class EndPostForm
{
    public long AssignmentId { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Note { get; set; }
}

/// <summary>The rules settings form.</summary>
public sealed class RulesForm
{
    public double ToleranceMeters { get; set; } = 1;

    public bool RequireFullCoverage { get; set; }
}
