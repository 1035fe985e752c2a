namespace GovPlatform.Petitions.Services;

/// <summary>
/// The names of a command's fields, as <see cref="PetitionWorkflow"/> reports errors under them: the workbench's forms
/// and the API's bodies use the same names, so an error lands beside its field in both.
/// </summary>
internal static class PetitionFields
{
    public const string Note = "note";
    public const string PublicReply = "publicReply";
    public const string UnitCode = "unitCode";
    public const string Department = "department";
    public const string Room = "room";
    public const string Departments = "departments";
    public const string LeadDepartment = "leadDepartment";
    public const string CategoryCode = "categoryCode";
    public const string MergeInto = "mergeInto";
    public const string Satisfaction = "satisfaction";
    public const string Resolved = "resolved";
    public const string Attachments = "attachments";
}
