namespace GovPlatform.Petitions;

/// <summary>The codes of the reception hall's rooms (一厅四室) a petition can be sent to.</summary>
public static class PetitionRooms
{
    /// <summary>矛盾纠纷调处室: dispute mediation.</summary>
    public const string Mediation = "mediation";

    /// <summary>法律咨询室: legal counselling.</summary>
    public const string Legal = "legal";

    /// <summary>心理咨询室: psychological counselling.</summary>
    public const string Psychological = "psychological";
}
