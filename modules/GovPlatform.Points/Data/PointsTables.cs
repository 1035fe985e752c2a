namespace GovPlatform.Points.Data;

/// <summary>The points module's table names.</summary>
internal static class PointsTables
{
    public const string Volunteers = "gp_volunteers";
    public const string Teams = "gp_volunteer_teams";
    public const string Members = "gp_volunteer_team_members";
    public const string Activities = "gp_point_activities";
    public const string SignUps = "gp_point_sign_ups";
    public const string Rules = "gp_point_rules";
    public const string Entries = "gp_point_entries";
    public const string Rewards = "gp_point_rewards";
    public const string Orders = "gp_point_orders";
    public const string Commendations = "gp_point_commendations";
}
