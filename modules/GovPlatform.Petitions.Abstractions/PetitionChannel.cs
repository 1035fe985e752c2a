namespace GovPlatform.Petitions;

/// <summary>How a petition came in.</summary>
public enum PetitionChannel
{
    /// <summary>A citizen on the tenant's public site.</summary>
    Online = 0,

    /// <summary>A visitor at the reception hall, registered by the receiver (群众来访接待登记).</summary>
    Reception = 1,

    /// <summary>A grid worker's field report from a phone.</summary>
    Field = 2,

    /// <summary>Another system through the JSON API.</summary>
    Api = 3,

    /// <summary>Another module of the platform (an evening reception, a screening sweep).</summary>
    Referral = 4,
}
