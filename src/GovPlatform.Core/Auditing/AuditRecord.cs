namespace GovPlatform.Core.Auditing;

/// <summary>A row of <c>gp_audit</c>: written once, never updated.</summary>
internal sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTime TimeUtc { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? ClientAddress { get; set; }

    public string Category { get; set; } = "";

    public string Action { get; set; } = "";

    public string? Subject { get; set; }

    public string? Summary { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
