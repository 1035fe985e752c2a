namespace GovPlatform.Petitions.Data;

/// <summary>The petitions hall's table names.</summary>
internal static class PetitionTables
{
    public const string Petitions = "gp_petitions";
    public const string Events = "gp_petition_events";
    public const string Attachments = "gp_petition_attachments";
    public const string CoHandlers = "gp_petition_co_handlers";
    public const string Categories = "gp_petition_categories";
    public const string Departments = "gp_petition_departments";
}
