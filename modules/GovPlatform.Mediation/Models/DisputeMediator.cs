namespace GovPlatform.Mediation.Models;

/// <summary>A mediator working on a dispute besides the lead (co-mediators from other bodies or levels).</summary>
public sealed class DisputeMediator
{
    public long Id { get; set; }

    public long DisputeId { get; set; }

    public long MediatorId { get; set; }
}
