namespace GovPlatform.Petitions.Models;

/// <summary>A department handling a petition with others (协调联动), under the lead.</summary>
internal sealed class PetitionCoHandler
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public string Department { get; set; } = "";

    public bool IsLead { get; set; }

    public DateTime AddedUtc { get; set; }

    public DateTime? ReportedUtc { get; set; }

    public string? Report { get; set; }

    public string? ReportedBy { get; set; }
}
