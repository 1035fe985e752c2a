using GovPlatform.Security;

namespace GovPlatform.LegalAid.Models;

/// <summary>
/// A legal aid application (法律援助申请): the applicant, the matter, the means test (or the ground that waives it),
/// the documents, the review decision with reasons, the lawyer assigned and the case's progress to its closing. Every
/// change is an <see cref="AidEvent"/>; personal data is read only by reviewers over its unit and the lawyer assigned.
/// </summary>
public sealed class AidApplication : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The number (<c>FY2026-00042</c>).</summary>
    public string Number { get; set; } = "";

    public AidStatus Status { get; set; }

    /// <summary>The station that took the application.</summary>
    public long StationId { get; set; }

    /// <summary>The unit of the station (reviewers over it decide).</summary>
    public string GridUnitCode { get; set; } = "";

    public string ApplicantName { get; set; } = "";

    /// <summary>Resident ID number (GB 11643).</summary>
    public string IdNumber { get; set; } = "";

    public string Phone { get; set; } = "";

    public string? Address { get; set; }

    /// <summary>The applicant's community, when known.</summary>
    public string? ApplicantUnitCode { get; set; }

    public AidCaseKind CaseKind { get; set; }

    public MatterType MatterType { get; set; }

    /// <summary>The matter as the applicant puts it.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The other side (a company, a person), or null.</summary>
    public string? OpposingParty { get; set; }

    /// <summary>People in the applicant's household.</summary>
    public int HouseholdSize { get; set; }

    /// <summary>The household's monthly income, in fen.</summary>
    public long MonthlyIncomeFen { get; set; }

    /// <summary>Grounds that waive the means test.</summary>
    public AidExemptions Exemptions { get; set; }

    /// <summary>The consultation it came from, or null.</summary>
    public long? ConsultationId { get; set; }

    /// <summary>Local working-day deadline for the decision (the law's seven working days by default).</summary>
    public DateTime DecisionDueUtc { get; set; }

    /// <summary>Why it was granted or refused (or what more is needed).</summary>
    public string? DecisionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedUtc { get; set; }

    /// <summary>The lawyer taking the case.</summary>
    public long? LawyerId { get; set; }

    public DateTime? AssignedUtc { get; set; }

    public AidResult? Result { get; set; }

    public DateTime? ClosedUtc { get; set; }

    public string SubmittedBy { get; set; } = "";

    public DateTime SubmittedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A document attached to a legal aid application (stored in the tenant's files).</summary>
public sealed class AidDocument
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    public AidDocumentKind Kind { get; set; }

    /// <summary>The file's name as uploaded.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The path in the tenant's files.</summary>
    public string Path { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public string Sha256 { get; set; } = "";

    public string UploadedBy { get; set; } = "";

    public DateTime UploadedUtc { get; set; }
}

/// <summary>One step in an application's history (submitted, documents asked, granted, assigned, progress, closed); append-only.</summary>
public sealed class AidEvent
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    /// <summary>1, 2, 3… within the application (unique with it).</summary>
    public int Sequence { get; set; }

    /// <summary><c>Submitted</c>, <c>MoreDocuments</c>, <c>Granted</c>, <c>Refused</c>, <c>Assigned</c>, <c>Progress</c>, <c>Closed</c>, <c>Withdrawn</c>, <c>Document</c>.</summary>
    public string Kind { get; set; } = "";

    public string? Note { get; set; }

    public string Actor { get; set; } = "";

    public DateTime AtUtc { get; set; }
}
