namespace GovPlatform.LegalAid.Data;

/// <summary>The legal aid module's table names.</summary>
internal static class LegalAidTables
{
    public const string Stations = "gp_legal_stations";
    public const string Firms = "gp_law_firms";
    public const string Lawyers = "gp_lawyers";
    public const string Assignments = "gp_legal_adviser_assignments";
    public const string Appointments = "gp_legal_appointments";
    public const string Slots = "gp_legal_slots";
    public const string Consultations = "gp_legal_consultations";
    public const string Applications = "gp_legal_aid_applications";
    public const string Documents = "gp_legal_aid_documents";
    public const string Events = "gp_legal_aid_events";
    public const string Receptions = "gp_evening_receptions";
    public const string Deputies = "gp_evening_reception_deputies";
    public const string Matters = "gp_evening_reception_matters";
}
