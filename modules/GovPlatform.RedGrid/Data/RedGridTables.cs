namespace GovPlatform.RedGrid.Data;

/// <summary>The red-grid module's table names.</summary>
internal static class RedGridTables
{
    public const string Organisations = "gp_party_organisations";
    public const string Courtyards = "gp_courtyards";
    public const string Members = "gp_party_members";
    public const string Tasks = "gp_party_member_tasks";
    public const string Committees = "gp_joint_committees";
    public const string Seats = "gp_joint_committee_seats";
    public const string Units = "gp_resident_units";
    public const string Resources = "gp_unit_resources";
    public const string Needs = "gp_community_needs";
    public const string Projects = "gp_redgrid_projects";
    public const string Pairings = "gp_pairings";
    public const string Help = "gp_pairing_help";
    public const string Centres = "gp_service_centres";
    public const string Activities = "gp_centre_activities";
}
