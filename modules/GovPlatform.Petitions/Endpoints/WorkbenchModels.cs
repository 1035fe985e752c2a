using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>A grid unit offered in a select, indented by its depth.</summary>
internal sealed record UnitOption(string Code, string Name, int Depth);

/// <summary>One line of the workbench: what the list shows of a petition, read as a projection.</summary>
internal sealed record WorkbenchRow(
    long Id,
    string TrackingNumber,
    string Title,
    string CategoryCode,
    string? GridUnitCode,
    string? HandlingUnitCode,
    PetitionStage Stage,
    PetitionChannel Channel,
    DateTime ReceivedUtc,
    DateTime? DueUtc,
    DateTime? CompletedUtc,
    DateTime? ClosedUtc,
    bool Duplicate)
{
    public bool IsOverdue(DateTime now) => CompletedUtc is null && ClosedUtc is null && DueUtc is { } due && due < now;
}

/// <summary>What the workbench page shows.</summary>
public sealed class WorkbenchModel
{
    internal WorkbenchFilter Filter { get; init; } = new();

    internal IReadOnlyList<WorkbenchRow> Rows { get; init; } = [];

    internal int Total { get; init; }

    internal int Page { get; init; } = 1;

    internal int Pages { get; init; } = 1;

    internal PetitionCatalog Catalog { get; init; } = new([], []);

    /// <summary>Names of the units the rows and the unit filter mention, by code.</summary>
    internal IReadOnlyDictionary<string, string> UnitNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The units the user may filter by: their scope, or the whole grid.</summary>
    internal IReadOnlyList<UnitOption> Units { get; init; } = [];

    internal DateTime Now { get; init; }

    internal bool CanReceive { get; init; }

    internal bool CanReport { get; init; }
}

/// <summary>What the case page shows: the petition, its timeline and files, and the forms of the actions allowed now.</summary>
public sealed class CaseModel
{
    internal Petition Petition { get; init; } = new();

    internal IReadOnlyList<PetitionEvent> Events { get; init; } = [];

    internal IReadOnlyList<PetitionAttachment> Attachments { get; init; } = [];

    internal IReadOnlyList<PetitionCoHandler> CoHandlers { get; init; } = [];

    /// <summary>The actions the user may take now (the loop's and their permissions' answer).</summary>
    internal IReadOnlyList<PetitionTrigger> Allowed { get; init; } = [];

    internal PetitionCatalog Catalog { get; init; } = new([], []);

    internal IReadOnlyDictionary<string, string> UnitNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The likely duplicate's id and number, when the intake flagged one.</summary>
    internal (long Id, string TrackingNumber)? DuplicateOf { get; init; }

    internal (long Id, string TrackingNumber)? MergedInto { get; init; }

    /// <summary>The rooms a case may be sent to, with their names.</summary>
    internal IReadOnlyList<(string Code, string Name)> Rooms { get; init; } = [];

    /// <summary>For assigning: the handling unit and the units below it.</summary>
    internal IReadOnlyList<UnitOption> AssignableUnits { get; init; } = [];

    internal DateTime Now { get; init; }

    internal string? Notice { get; init; }

    /// <summary>A refusal that concerns no single field (stale, not allowed, forbidden).</summary>
    internal string? Error { get; init; }

    /// <summary>The action whose form was posted and refused: its form opens again with what was typed and the errors.</summary>
    internal PetitionTrigger? Posted { get; init; }

    internal IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Errors of the posted form, by field (<see cref="CaseActions"/>' names).</summary>
    internal IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool IsOverdue => Petition.CompletedUtc is null && Petition.ClosedUtc is null && Petition.DueUtc is { } due && due < Now;

    public bool IsDueSoon => !IsOverdue && Petition.CompletedUtc is null && Petition.ClosedUtc is null && Petition.WarnAtUtc is { } warn && warn <= Now;
}

/// <summary>The reception's registration form (群众来访接待登记表), as typed.</summary>
public sealed class ReceptionForm
{
    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? PeopleInvolved { get; set; }

    public string? Description { get; set; }

    public string? CategoryCode { get; set; }

    public string? GridUnitCode { get; set; }

    public string? Longitude { get; set; }

    public string? Latitude { get; set; }

    public string? Address { get; set; }

    public string? OnTheSpotHandling { get; set; }

    public string? ReceptionOpinion { get; set; }

    public bool SolvedOnTheSpot { get; set; }

    /// <summary>Makes a second post of the same form (a double click) file nothing more.</summary>
    public string Key { get; set; } = NewKey();

    internal static string NewKey() => Guid.NewGuid().ToString("N");
}

/// <summary>The grid worker's field report, as typed.</summary>
public sealed class FieldReportForm
{
    public string? CategoryCode { get; set; }

    public string? Description { get; set; }

    public string? Longitude { get; set; }

    public string? Latitude { get; set; }

    public string? Address { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string Key { get; set; } = ReceptionForm.NewKey();
}

/// <summary>What the reception and field report pages show besides their form.</summary>
public sealed class IntakePageModel
{
    internal PetitionCatalog Catalog { get; init; } = new([], []);

    internal IReadOnlyList<UnitOption> Units { get; init; } = [];

    internal IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The phone on the signed-in worker's account, used when the report gives none.</summary>
    internal string? OwnPhone { get; init; }

    /// <summary>Whether files were posted and must be chosen again (a browser cannot keep them).</summary>
    internal bool FilesDropped { get; init; }
}

/// <summary>The reception page: the registration form as typed, and what it offers.</summary>
public sealed class ReceptionPageModel
{
    public ReceptionForm Form { get; init; } = new();

    public IntakePageModel Intake { get; init; } = new();
}

/// <summary>The field report page: the form as typed, what it offers, and the report just filed.</summary>
public sealed class FieldReportPageModel
{
    public FieldReportForm Form { get; init; } = new();

    public IntakePageModel Intake { get; init; } = new();

    internal FiledReport? Filed { get; init; }
}

/// <summary>A field report just filed: its case and number, and whether it looks like one filed before.</summary>
internal sealed record FiledReport(long Id, string TrackingNumber, bool PossibleDuplicate);
