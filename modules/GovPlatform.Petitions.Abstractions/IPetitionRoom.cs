using GovPlatform.Localization;

namespace GovPlatform.Petitions;

/// <summary>
/// A room that takes petitions sent to it (mediation, legal counselling…), offered by another module: register it as
/// scoped (<c>services.AddScoped&lt;IPetitionRoom, MediationRoom&gt;()</c>). When a petition is sent to the room,
/// <see cref="AcceptAsync"/> runs in the same transaction; when the room's work is done, the module reports through
/// <see cref="IPetitionLoop.ReportRoomOutcomeAsync"/> and the petition's loop goes on.
/// </summary>
public interface IPetitionRoom
{
    /// <summary>The room's code, one of <see cref="PetitionRooms"/> or the module's own.</summary>
    string Code { get; }

    /// <summary>The room's name, shown to staff and, without names of people, to the citizen.</summary>
    BilingualText Name { get; }

    /// <summary>Opens the room's own record for the petition (a dispute, a consultation); returns its reference, shown on the case page.</summary>
    Task<string?> AcceptAsync(PetitionReferral referral, CancellationToken cancellationToken);
}
