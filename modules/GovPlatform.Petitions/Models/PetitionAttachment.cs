namespace GovPlatform.Petitions.Models;

/// <summary>A photo or video of a petition, kept in the tenant's files under <c>petitions/</c> (not public), checked on its bytes.</summary>
internal sealed class PetitionAttachment
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public long? EventId { get; set; }

    public string Path { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    public DateTime UploadedUtc { get; set; }

    public string? UploadedBy { get; set; }
}
