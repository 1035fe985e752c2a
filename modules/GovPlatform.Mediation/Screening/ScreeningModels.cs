using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Screening;

/// <summary>The open-campaign form as posted (kept as typed, so that a refused post shows it again).</summary>
public sealed class CampaignForm
{
    public string Kind { get; set; } = nameof(CampaignKind.Special);

    public string Title { get; set; } = "";

    public string ScopeUnitCode { get; set; } = "";

    public string StartsOn { get; set; } = "";

    public string DueOn { get; set; } = "";
}

/// <summary>A unit the reader may open a campaign over ("" for the whole tenant).</summary>
public sealed record ScopeOption(string Code, string Name);

/// <summary>The campaigns page.</summary>
public sealed record ScreeningListModel(
    IReadOnlyList<CampaignSummary> Campaigns,
    bool CanOpen,
    IReadOnlyList<ScopeOption> Scopes,
    CampaignForm Form,
    IReadOnlyDictionary<string, string> Errors,
    string? Notice);

/// <summary>A campaign's page: each unit's report in the reader's scope.</summary>
public sealed record ScreeningCampaignModel(ScreeningCampaign Campaign, IReadOnlyList<ScreeningReportView> Reports, string? Notice);

/// <summary>One finding's rows on the report form, as typed.</summary>
public sealed class FindingForm
{
    public string Type { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string GridUnitCode { get; set; } = "";

    public string Risk { get; set; } = nameof(RiskLevel.Low);

    public List<PartyForm> Parties { get; set; } = [new() { Role = nameof(PartyRole.Applicant) }, new() { Role = nameof(PartyRole.Respondent) }];

    /// <summary>Whether nothing was typed in it (blank rows are left out).</summary>
    public bool Blank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Description) && Parties.All(p => string.IsNullOrWhiteSpace(p.Name) && string.IsNullOrWhiteSpace(p.Phone));
}

/// <summary>A party row of a finding.</summary>
public sealed class PartyForm
{
    public string Role { get; set; } = "";

    public string Name { get; set; } = "";

    public string Phone { get; set; } = "";
}

/// <summary>The report form, as typed.</summary>
public sealed class ReportForm
{
    /// <summary>Finding rows on the form.</summary>
    public const int Rows = 3;

    public bool FoundNothing { get; set; }

    public string Note { get; set; } = "";

    public List<FindingForm> Findings { get; set; } = [.. Enumerable.Range(0, Rows).Select(_ => new FindingForm())];
}

/// <summary>A unit's report page.</summary>
public sealed record ScreeningReportModel(
    ScreeningReportView View,
    IReadOnlyList<Dispute> Findings,
    IReadOnlyList<ScopeOption> Units,
    bool CanReport,
    ReportForm Form,
    IReadOnlyDictionary<string, string> Errors,
    string? Notice);
