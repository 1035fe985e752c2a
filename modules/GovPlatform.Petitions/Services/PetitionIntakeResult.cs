using GovPlatform.Localization;
using GovPlatform.Petitions.Models;

namespace GovPlatform.Petitions.Services;

/// <summary>A filed petition (or the one an earlier request with the same key filed), or the errors by field.</summary>
internal sealed record PetitionIntakeResult(Petition? Petition, bool Replayed, IReadOnlyDictionary<string, BilingualText> Errors)
{
    public bool Succeeded => Petition is not null;

    public PetitionReceipt Receipt => new(Petition!.Id, Petition.TrackingNumber, Replayed);
}
