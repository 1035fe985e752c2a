using System.Text.Json;
using GovPlatform.Petitions.Loop;
using static GovPlatform.Petitions.Services.PetitionFields;

namespace GovPlatform.Petitions.Api;

/// <summary>
/// The commands as the API names them (<c>assignUnit</c>) and the body fields each one reads, as
/// <see cref="Services.PetitionWorkflow"/> applies them: required ones are refused with a field error when missing.
/// Every command also takes <c>attachments</c>; fields a command does not read are ignored.
/// </summary>
internal static class PetitionApiActions
{
    /// <summary>Every command, in the loop's order.</summary>
    public static IReadOnlyList<PetitionTrigger> All { get; } = Enum.GetValues<PetitionTrigger>();

    /// <summary>The command's name in URLs and JSON: the trigger in camelCase.</summary>
    public static string Name(PetitionTrigger trigger) => JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString());

    /// <summary>The fields the command must have, and those it may have.</summary>
    public static (string[] Required, string[] Optional) Fields(PetitionTrigger trigger) => trigger switch
    {
        PetitionTrigger.Assess => ([], [CategoryCode, Note]),
        PetitionTrigger.SolveOnTheSpot or PetitionTrigger.Complete => ([PublicReply], [Note]),
        PetitionTrigger.Merge => ([MergeInto], [Note]),
        PetitionTrigger.AssignUnit => ([UnitCode], [Note]),
        PetitionTrigger.SendToRoom => ([Room], [Note]),
        PetitionTrigger.RequestTransfer => ([Department], [Note]),
        PetitionTrigger.CoHandle => ([Departments, LeadDepartment], [Note]),
        PetitionTrigger.ReportPart => ([Department, Note], []),
        PetitionTrigger.Evaluate => ([Satisfaction], [Resolved, Note]),
        PetitionTrigger.Reject or PetitionTrigger.DeclineTransfer or PetitionTrigger.Return or PetitionTrigger.Escalate
            or PetitionTrigger.Supervise or PetitionTrigger.RespondSupervision or PetitionTrigger.Reopen or PetitionTrigger.AddNote => ([Note], []),
        _ => ([], [Note]),
    };
}
