using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using Microsoft.AspNetCore.Http;
using static GovPlatform.Petitions.Services.PetitionFields;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// The case page's action forms: each command's URL segment (<c>assign-unit</c>), the fields its form shows and sends,
/// and how a posted form becomes a <see cref="PetitionCommand"/>. The workflow still checks every value.
/// </summary>
internal static class CaseActions
{

    private static readonly Dictionary<PetitionTrigger, string> Slugs = Enum.GetValues<PetitionTrigger>().ToDictionary(t => t, Slug);
    private static readonly Dictionary<string, PetitionTrigger> BySlug = Slugs.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The commands whose form takes photos or videos: where evidence of what was done belongs.</summary>
    private static readonly HashSet<PetitionTrigger> WithFiles =
    [
        PetitionTrigger.SolveOnTheSpot, PetitionTrigger.Complete, PetitionTrigger.ReportPart, PetitionTrigger.AddNote,
        PetitionTrigger.Escalate, PetitionTrigger.RespondSupervision,
    ];

    /// <summary>The commands that cannot go without a note (the workflow refuses them without one).</summary>
    private static readonly HashSet<PetitionTrigger> NoteRequired =
    [
        PetitionTrigger.Reject, PetitionTrigger.DeclineTransfer, PetitionTrigger.Return, PetitionTrigger.Escalate,
        PetitionTrigger.ReportPart, PetitionTrigger.Supervise, PetitionTrigger.RespondSupervision, PetitionTrigger.Reopen,
        PetitionTrigger.AddNote,
    ];

    /// <summary>The URL segment of a command: <c>AssignUnit</c> → <c>assign-unit</c>.</summary>
    public static string SlugOf(PetitionTrigger trigger) => Slugs[trigger];

    public static bool TryParse(string? slug, out PetitionTrigger trigger) => BySlug.TryGetValue(slug ?? "", out trigger);

    public static bool TakesFiles(PetitionTrigger trigger) => WithFiles.Contains(trigger);

    public static bool RequiresNote(PetitionTrigger trigger) => NoteRequired.Contains(trigger);

    /// <summary>What the note means for this command, as its label says.</summary>
    public static BilingualText NoteLabel(PetitionTrigger trigger) => trigger switch
    {
        PetitionTrigger.Reject => new("不予受理的理由", "Reason for refusing"),
        PetitionTrigger.DeclineTransfer => new("不同意的理由", "Reason for declining"),
        PetitionTrigger.Return => new("退回的理由", "Reason for sending back"),
        PetitionTrigger.Escalate => new("本级无法解决的原因", "Why this level cannot solve it"),
        PetitionTrigger.ReportPart => new("本部门办理情况", "What the department did"),
        PetitionTrigger.Supervise => new("督办意见", "Supervision's instruction"),
        PetitionTrigger.RespondSupervision => new("对督办的答复", "Answer to the supervision"),
        PetitionTrigger.Reopen => new("重新办理的原因", "Why it should be handled again"),
        PetitionTrigger.Evaluate => new("回访记录", "Call-back notes"),
        PetitionTrigger.AddNote => new("备注", "Note"),
        _ => new("内部备注（群众看不到）", "Internal note (not shown to the citizen)"),
    };

    /// <summary>The fields the form of <paramref name="trigger"/> shows besides the note and the files.</summary>
    public static IReadOnlyList<string> FieldsOf(PetitionTrigger trigger) => trigger switch
    {
        PetitionTrigger.Assess => [CategoryCode],
        PetitionTrigger.SolveOnTheSpot or PetitionTrigger.Complete => [PublicReply],
        PetitionTrigger.Merge => [MergeInto],
        PetitionTrigger.AssignUnit => [UnitCode],
        PetitionTrigger.SendToRoom => [Room],
        PetitionTrigger.RequestTransfer or PetitionTrigger.ReportPart => [Department],
        PetitionTrigger.CoHandle => [Departments, LeadDepartment],
        PetitionTrigger.Evaluate => [Satisfaction, Resolved],
        _ => [],
    };

    /// <summary>The posted values of the form (for showing them again), by field; several departments are joined by commas.</summary>
    public static Dictionary<string, string> Values(IFormCollection form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in new[] { Note, PublicReply, UnitCode, Department, Room, LeadDepartment, CategoryCode, MergeInto, Satisfaction, Resolved })
        {
            if (form[field].FirstOrDefault() is { } value)
            {
                values[field] = value;
            }
        }

        values[Departments] = string.Join(',', form[Departments].Where(d => !string.IsNullOrWhiteSpace(d)));
        return values;
    }

    /// <summary>
    /// The command a posted form asks for. Only the fields of <paramref name="trigger"/>'s form are taken, so a
    /// crafted post cannot slip in, say, a unit with a note. Numbers that do not parse become null and are refused by
    /// the workflow with its own message.
    /// </summary>
    public static PetitionCommand Command(PetitionTrigger trigger, IFormCollection form, IReadOnlyList<PetitionUpload> uploads)
    {
        var fields = FieldsOf(trigger);
        string? Field(string name) => fields.Contains(name) ? form[name].FirstOrDefault() : null;
        return new PetitionCommand(trigger)
        {
            Note = form[Note].FirstOrDefault(),
            PublicReply = Field(PublicReply),
            UnitCode = Field(UnitCode),
            Department = Field(Department),
            Room = Field(Room),
            Departments = fields.Contains(Departments) ? [.. form[Departments].Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!)] : [],
            LeadDepartment = Field(LeadDepartment),
            CategoryCode = Field(CategoryCode),
            MergeInto = Field(MergeInto),
            Satisfaction = int.TryParse(Field(Satisfaction), NumberStyles.None, CultureInfo.InvariantCulture, out var stars) ? stars : null,
            Resolved = Field(Resolved) switch { "true" => true, "false" => false, _ => null },
            Attachments = TakesFiles(trigger) ? uploads : [],
            IdempotencyKey = form["key"].FirstOrDefault() is { Length: > 0 and <= 100 } key ? $"bench:{key}" : null,
            ExpectedVersion = int.TryParse(form["version"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
        };
    }

    private static string Slug(PetitionTrigger trigger)
    {
        var name = trigger.ToString();
        var slug = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && slug.Length > 0)
            {
                slug.Append('-');
            }

            slug.Append(char.ToLowerInvariant(c));
        }

        return slug.ToString();
    }
}
