namespace GovPlatform.Mediation.Data;

/// <summary>The mediation module's table names.</summary>
internal static class MediationTables
{
    public const string Bodies = "gp_mediation_bodies";
    public const string Mediators = "gp_mediators";
    public const string Disputes = "gp_disputes";
    public const string Parties = "gp_dispute_parties";
    public const string DisputeMediators = "gp_dispute_mediators";
    public const string Events = "gp_dispute_events";
    public const string Sessions = "gp_mediation_sessions";
    public const string Participants = "gp_session_participants";
    public const string FollowUps = "gp_dispute_follow_ups";
    public const string Campaigns = "gp_screening_campaigns";
    public const string Reports = "gp_screening_reports";
    public const string Alerts = "gp_mediation_alerts";
}
