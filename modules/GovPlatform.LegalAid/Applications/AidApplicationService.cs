using System.Security.Claims;
using System.Security.Cryptography;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.LegalAid.Consultations;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Messaging;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GovPlatform.LegalAid.Applications;

/// <summary>What the application form carries (income in fen; the page converts the yuan typed).</summary>
public sealed record AidSubmission
{
    public long StationId { get; init; }

    public string ApplicantName { get; init; } = "";

    public string IdNumber { get; init; } = "";

    public string Phone { get; init; } = "";

    public string? Address { get; init; }

    public string? ApplicantUnitCode { get; init; }

    public AidCaseKind CaseKind { get; init; }

    public MatterType MatterType { get; init; }

    public string Summary { get; init; } = "";

    public string? OpposingParty { get; init; }

    public int HouseholdSize { get; init; } = 1;

    public long MonthlyIncomeFen { get; init; }

    public AidExemptions Exemptions { get; init; }

    /// <summary>The consultation it comes from, or null.</summary>
    public long? ConsultationId { get; init; }
}

/// <summary>A review, assignment or case step.</summary>
/// <param name="Trigger">Which step.</param>
/// <param name="Note">The reason or note.</param>
/// <param name="OverrideReason">Why aid is granted though the means test fails (required then).</param>
/// <param name="LawyerId">The lawyer to assign.</param>
/// <param name="Result">The case's result, to close it.</param>
/// <param name="ExpectedVersion">The version the form showed, or null.</param>
public sealed record AidStep(AidTrigger Trigger, string? Note = null, string? OverrideReason = null, long? LawyerId = null, AidResult? Result = null, int? ExpectedVersion = null);

/// <summary>A document as uploaded.</summary>
public sealed record AidUpload(AidDocumentKind Kind, string FileName, byte[] Content);

/// <summary>The list's filters.</summary>
public sealed record AidFilter(AidStatus? Status = null, bool OverdueOnly = false, string? Text = null, int Page = 1);

/// <summary>One page of applications, with which of them <c>user</c> may see in full.</summary>
public sealed record AidList(IReadOnlyList<AidApplication> Items, IReadOnlySet<long> Personal, int Total, int Page, int Pages);

/// <summary>
/// Legal aid applications (法律援助申请): submitted at a station (directly or from a consultation), means-tested,
/// reviewed within the working-day deadline on the tenant's calendar, granted or refused with reasons, assigned to a
/// lawyer, followed to the case's close. Steps follow <see cref="AidFlow"/>; each is an append-only <see cref="AidEvent"/>
/// and audited (category <c>legalaid</c>). Personal data — the ID number, the income, the documents — is shown only to
/// reviewers over the application's unit, the assigned lawyer and the submitter; every read of the page is audited.
/// The applicant gets a text on grant, refusal and assignment.
/// </summary>
public sealed class AidApplicationService(
    TenantDbContext db,
    IGridDirectory grid,
    IGridScopeFilter scopeFilter,
    IAuthorizationService authorization,
    IWorkingCalendarStore calendars,
    LegalAidSettingsStore settingsStore,
    LegalAidNumbers numbers,
    ConsultationService consultations,
    ITenantFiles files,
    IMessageSender sender,
    IAuditLog audit,
    ILogger<AidApplicationService> logger,
    TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>The largest document accepted.</summary>
    public const long MaxDocumentBytes = 10L * 1024 * 1024;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The means test of the application under the tenant's standard.</summary>
    public async Task<MeansTest> MeansTestAsync(AidApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var settings = await settingsStore.GetAsync(cancellationToken);
        return MeansTest.Evaluate(application.HouseholdSize, application.MonthlyIncomeFen, application.Exemptions, settings.IncomeLimitFen);
    }

    /// <summary>Whether <paramref name="user"/> may see the application's personal data: reviewer over it, its lawyer, its submitter.</summary>
    public async Task<bool> CanSeePersonalAsync(AidApplication application, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var name = user.Identity?.Name;
        return await authorization.HasPermissionAsync(user, LegalAidPermissions.Review, application)
            || (name is { Length: > 0 } && string.Equals(application.SubmittedBy, name, StringComparison.Ordinal))
            || await IsLawyerAsync(application, user, cancellationToken);
    }

    /// <summary>Whether <paramref name="user"/> may see the application at all (masked without personal rights).</summary>
    public async Task<bool> CanViewAsync(AidApplication application, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await authorization.HasPermissionAsync(user, LegalAidPermissions.View, application) || await CanSeePersonalAsync(application, user, cancellationToken);

    /// <summary>The application when <paramref name="user"/> may see it.</summary>
    public async Task<AidApplication?> FindVisibleAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await db.Set<AidApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } found
            && await CanViewAsync(found, user, cancellationToken)
            ? found
            : null;

    /// <summary>Records a read of the application's page, and whether personal data was shown.</summary>
    public Task AuditReadAsync(AidApplication application, bool personalShown, CancellationToken cancellationToken = default) =>
        audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "read", $"application:{application.Number}",
            personalShown ? "page: personal data shown" : "page: personal data hidden"), cancellationToken);

    /// <summary>A page of the applications <paramref name="user"/> may see; overdue decisions first within a status.</summary>
    public async Task<AidList> ListAsync(AidFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Set<AidApplication>().AsNoTracking();
        var name = user.Identity?.Name ?? "";
        var mine = await consultations.MyLawyerIdsAsync(user, cancellationToken);
        if (!await authorization.HasPermissionAsync(user, LegalAidPermissions.View))
        {
            query = query.Where(a => a.SubmittedBy == name || (a.LawyerId != null && mine.Contains(a.LawyerId.Value)));
        }
        else if (await scopeFilter.GetScopeCodesAsync(user, cancellationToken) is { } codes)
        {
            var list = codes.Order(StringComparer.Ordinal).ToArray();
            query = query.Where(a => list.Contains(a.GridUnitCode) || a.SubmittedBy == name || (a.LawyerId != null && mine.Contains(a.LawyerId.Value)));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (filter.OverdueOnly)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            query = query.Where(a => (a.Status == AidStatus.Submitted || a.Status == AidStatus.MoreDocuments) && a.DecisionDueUtc < now);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.Number == text || a.ApplicantName.Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var items = await query.OrderByDescending(a => a.SubmittedUtc).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var personal = new HashSet<long>();
        foreach (var item in items)
        {
            if (await CanSeePersonalAsync(item, user, cancellationToken))
            {
                personal.Add(item.Id);
            }
        }

        return new AidList(items, personal, total, page, pages);
    }

    /// <summary>The stations that take applications (active, offering legal aid).</summary>
    public async Task<IReadOnlyList<LegalStation>> StationsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<LegalStation>().AsNoTracking().Where(s => s.Active && (s.Services & LegalServices.LegalAid) != 0).OrderBy(s => s.Kind).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>The lawyers who can be assigned (active, taking aid cases).</summary>
    public async Task<IReadOnlyList<Lawyer>> AssignableLawyersAsync(CancellationToken cancellationToken = default) =>
        await db.Set<Lawyer>().AsNoTracking().Where(l => l.Active && l.TakesAidCases).OrderBy(l => l.Id).ToListAsync(cancellationToken);

    /// <summary>What the form from a consultation starts with; null when it is not visible.</summary>
    public async Task<AidSubmission?> FromConsultationAsync(long consultationId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await consultations.FindVisibleAsync(consultationId, user, cancellationToken) is not { } c)
        {
            return null;
        }

        return new AidSubmission
        {
            StationId = c.StationId ?? 0,
            ApplicantName = c.CitizenName,
            Phone = c.Phone ?? "",
            ApplicantUnitCode = c.GridUnitCode,
            MatterType = c.MatterType,
            Summary = c.Matter,
            ConsultationId = c.Id,
        };
    }

    /// <summary>Takes an application at a station.</summary>
    public async Task<LegalResult<AidApplication>> SubmitAsync(AidSubmission submission, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var actor = user.Identity?.Name ?? "";
        if (!await authorization.HasPermissionAsync(user, LegalAidPermissions.Consult))
        {
            return LegalResult<AidApplication>.Refused(LegalStatus.Forbidden, LegalResult<AidApplication>.ForbiddenText);
        }

        var errors = new Dictionary<string, BilingualText>();
        var station = await db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == submission.StationId, cancellationToken);
        if (station is null || !station.Active || (station.Services & LegalServices.LegalAid) == 0)
        {
            errors["stationId"] = new("请选择受理法律援助申请的站点。", "Choose a station that takes legal aid applications.");
        }

        if (string.IsNullOrWhiteSpace(submission.ApplicantName) || submission.ApplicantName.Trim().Length > 50)
        {
            errors["applicantName"] = new("请填写申请人姓名（不超过 50 个字）。", "Enter the applicant's name (at most 50 characters).");
        }

        if (!IdNumber.IsValid(submission.IdNumber))
        {
            errors["idNumber"] = new("身份证号码不正确（18 位，校验位须正确）。", "The ID number is not valid (18 characters with a correct check digit).");
        }

        if (!MobileNumber.IsValid(submission.Phone))
        {
            errors["phone"] = new("请填写正确的手机号码。", "Enter a valid mobile number.");
        }

        if (submission.Address is { Length: > 200 })
        {
            errors["address"] = new("地址不能超过 200 个字。", "The address has at most 200 characters.");
        }

        string? applicantUnit = null;
        if (!string.IsNullOrWhiteSpace(submission.ApplicantUnitCode))
        {
            if (await grid.FindAsync(submission.ApplicantUnitCode.Trim(), cancellationToken) is { } unit)
            {
                applicantUnit = unit.Code;
            }
            else
            {
                errors["applicantUnitCode"] = new("找不到这个社区。", "No such community.");
            }
        }

        if (!Enum.IsDefined(submission.CaseKind))
        {
            errors["caseKind"] = new("请选择案件类别。", "Choose the kind of case.");
        }

        if (!Enum.IsDefined(submission.MatterType))
        {
            errors["matterType"] = new("请选择事项类型。", "Choose the kind of matter.");
        }

        if (string.IsNullOrWhiteSpace(submission.Summary) || submission.Summary.Length > 4000)
        {
            errors["summary"] = new("请填写申请事项和理由（不超过 4000 个字）。", "Enter the matter and the reasons (at most 4,000 characters).");
        }

        if (submission.OpposingParty is { Length: > 200 })
        {
            errors["opposingParty"] = new("对方当事人不能超过 200 个字。", "The other side has at most 200 characters.");
        }

        if (submission.HouseholdSize is < 1 or > 30)
        {
            errors["householdSize"] = new("家庭人口应在 1 到 30 之间。", "The household has 1 to 30 people.");
        }

        if (submission.MonthlyIncomeFen is < 0 or > 100_000_000_00)
        {
            errors["monthlyIncome"] = new("请填写家庭月收入（元，不能为负）。", "Enter the household's monthly income in yuan (not negative).");
        }

        var allExemptions = LegalAidNames.EachExemption.Aggregate(AidExemptions.None, (all, e) => all | e);
        if ((submission.Exemptions & ~allExemptions) != 0)
        {
            errors["exemptions"] = new("免于审查的情形不正确。", "Unknown exemption.");
        }

        if (submission.ConsultationId is { } consultationId)
        {
            if (await consultations.FindVisibleAsync(consultationId, user, cancellationToken) is null)
            {
                errors["consultationId"] = new("找不到这条咨询。", "No such consultation.");
            }
            else if (await db.Set<AidApplication>().AnyAsync(a => a.ConsultationId == consultationId, cancellationToken))
            {
                errors[""] = new("这条咨询已经提出过法律援助申请。", "An application was already made from this consultation.");
            }
        }

        if (errors.Count > 0)
        {
            return LegalResult<AidApplication>.Invalid(errors);
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        var calendar = await calendars.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var application = new AidApplication
        {
            Number = numbers.Application(now.UtcDateTime),
            Status = AidStatus.Submitted,
            StationId = station!.Id,
            GridUnitCode = station.GridUnitCode,
            ApplicantName = submission.ApplicantName.Trim(),
            IdNumber = IdNumber.Normalise(submission.IdNumber),
            Phone = MobileNumber.Normalise(submission.Phone),
            Address = string.IsNullOrWhiteSpace(submission.Address) ? null : submission.Address.Trim(),
            ApplicantUnitCode = applicantUnit,
            CaseKind = submission.CaseKind,
            MatterType = submission.MatterType,
            Summary = submission.Summary.Trim(),
            OpposingParty = string.IsNullOrWhiteSpace(submission.OpposingParty) ? null : submission.OpposingParty.Trim(),
            HouseholdSize = submission.HouseholdSize,
            MonthlyIncomeFen = submission.MonthlyIncomeFen,
            Exemptions = submission.Exemptions,
            ConsultationId = submission.ConsultationId,
            DecisionDueUtc = calendar.AddWorkingDays(now, settings.ReviewWorkingDays).UtcDateTime,
            SubmittedBy = actor,
            SubmittedUtc = now.UtcDateTime,
            UpdatedUtc = now.UtcDateTime,
            Version = 1,
        };
        var means = MeansTest.Evaluate(application.HouseholdSize, application.MonthlyIncomeFen, application.Exemptions, settings.IncomeLimitFen);
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                application.Id = 0;
                db.Add(application);
                await db.SaveChangesAsync(ct);
                if (application.ConsultationId is { } linked)
                {
                    await consultations.LinkApplicationAsync(linked, application.Id, ct);
                }

                AddEvent(application.Id, 1, "Submitted", means.Text.Chinese, actor, now.UtcDateTime);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "application-submit", $"application:{application.Number}", null), ct);
                return application;
            }, cancellationToken);
        }
        catch (DbUpdateException) when (submission.ConsultationId is not null)
        {
            db.ChangeTracker.Clear();
            return LegalResult<AidApplication>.Refused(LegalStatus.NotAllowed, new("这条咨询已经提出过法律援助申请。", "An application was already made from this consultation."));
        }

        return LegalResult<AidApplication>.Ok(application);
    }

    /// <summary>Takes a review, assignment or case step.</summary>
    public async Task<LegalResult<AidApplication>> StepAsync(long id, AidStep step, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        var actor = user.Identity?.Name ?? "";
        var current = await FindVisibleAsync(id, user, cancellationToken);
        if (current is null || step.Trigger == AidTrigger.AddDocument)
        {
            return LegalResult<AidApplication>.Refused(LegalStatus.NotFound, LegalResult<AidApplication>.NotFoundText);
        }

        var reviewer = await authorization.HasPermissionAsync(user, LegalAidPermissions.Review, current);
        var allowed = step.Trigger switch
        {
            AidTrigger.Progress => reviewer || await IsLawyerAsync(current, user, cancellationToken),
            AidTrigger.Withdraw => reviewer || string.Equals(current.SubmittedBy, actor, StringComparison.Ordinal),
            _ => reviewer,
        };
        if (!allowed)
        {
            return LegalResult<AidApplication>.Refused(LegalStatus.Forbidden, LegalResult<AidApplication>.ForbiddenText);
        }

        if (AidFlow.Next(current.Status, step.Trigger) is null)
        {
            return LegalResult<AidApplication>.Refused(LegalStatus.NotAllowed, AidFlow.Refusal(current.Status, step.Trigger));
        }

        var note = step.Note?.Trim() ?? "";
        var errors = new Dictionary<string, BilingualText>();
        if (note.Length > 2000)
        {
            errors["note"] = new("说明不能超过 2000 个字。", "The note has at most 2,000 characters.");
        }

        Lawyer? lawyer = null;
        switch (step.Trigger)
        {
            case AidTrigger.RequestDocuments when note.Length == 0:
                errors["note"] = new("请写明需要补充的材料。", "Say which documents are needed.");
                break;
            case AidTrigger.Refuse when note.Length == 0:
                errors["note"] = new("不予法律援助须写明理由。", "A refusal needs its reasons.");
                break;
            case AidTrigger.Grant when note.Length == 0:
                errors["note"] = new("请写明给予法律援助的理由。", "Give the reasons for granting aid.");
                break;
            case AidTrigger.Grant when !(await MeansTestAsync(current, cancellationToken)).Passes && string.IsNullOrWhiteSpace(step.OverrideReason):
                errors["overrideReason"] = new("申请人不符合经济困难标准且无免审情形：给予援助须另行写明理由。",
                    "The applicant does not meet the hardship standard and has no exemption: granting needs an explicit override reason.");
                break;
            case AidTrigger.Progress when note.Length == 0:
                errors["note"] = new("请填写办理进展。", "Enter the progress.");
                break;
            case AidTrigger.Close when step.Result is not { } closing || !Enum.IsDefined(closing):
                errors["result"] = new("请选择结案结果。", "Choose the case's result.");
                break;
            case AidTrigger.Assign:
                lawyer = step.LawyerId is { } lawyerId ? await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == lawyerId, cancellationToken) : null;
                if (lawyer is not { Active: true, TakesAidCases: true })
                {
                    errors["lawyerId"] = new("请选择承办法律援助案件的在职律师。", "Choose an active lawyer who takes legal aid cases.");
                }
                else if (lawyer.Id == current.LawyerId)
                {
                    errors["lawyerId"] = new("该律师已是承办律师。", "That lawyer is already assigned.");
                }

                break;
        }

        if (step.OverrideReason is { Length: > 1000 })
        {
            errors["overrideReason"] = new("理由不能超过 1000 个字。", "The reason has at most 1,000 characters.");
        }

        if (errors.Count > 0)
        {
            return LegalResult<AidApplication>.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string kind = step.Trigger.ToString();
        string? eventNote = note.Length > 0 ? note : null;
        var result = await ChangeAsync(id, step.ExpectedVersion, step.Trigger, a =>
        {
            switch (step.Trigger)
            {
                case AidTrigger.RequestDocuments:
                    kind = "MoreDocuments";
                    a.DecisionReason = note;
                    break;
                case AidTrigger.Grant or AidTrigger.Refuse:
                    kind = step.Trigger == AidTrigger.Grant ? "Granted" : "Refused";
                    a.DecisionReason = string.IsNullOrWhiteSpace(step.OverrideReason) ? note : $"{note}（经济困难标准例外：{step.OverrideReason.Trim()}）";
                    eventNote = a.DecisionReason;
                    a.DecidedBy = actor;
                    a.DecidedUtc = now;
                    break;
                case AidTrigger.Assign:
                    kind = "Assigned";
                    a.LawyerId = lawyer!.Id;
                    a.AssignedUtc = now;
                    eventNote = $"{lawyer.Name}{(note.Length > 0 ? $"：{note}" : "")}";
                    break;
                case AidTrigger.Close:
                    kind = "Closed";
                    a.Result = step.Result;
                    a.ClosedUtc = now;
                    eventNote = $"{LegalAidNames.Result(step.Result!.Value).Chinese}{(note.Length > 0 ? $"：{note}" : "")}";
                    break;
                case AidTrigger.Withdraw:
                    kind = "Withdrawn";
                    a.ClosedUtc = now;
                    break;
            }

            return (kind, eventNote);
        }, actor, cancellationToken);
        if (result.Succeeded && step.Trigger is AidTrigger.Grant or AidTrigger.Refuse or AidTrigger.Assign)
        {
            await NotifyAsync(result.Value!, step.Trigger, lawyer, cancellationToken);
        }

        return result;
    }

    /// <summary>Adds a document: PDF, JPEG or PNG by its bytes, at most 10 MB; back to review when documents were asked for.</summary>
    public async Task<LegalResult<AidDocument>> AddDocumentAsync(long id, AidUpload upload, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var current = await FindVisibleAsync(id, user, cancellationToken);
        if (current is null)
        {
            return LegalResult<AidDocument>.Refused(LegalStatus.NotFound, LegalResult<AidDocument>.NotFoundText);
        }

        if (!await CanSeePersonalAsync(current, user, cancellationToken))
        {
            return LegalResult<AidDocument>.Refused(LegalStatus.Forbidden, LegalResult<AidDocument>.ForbiddenText);
        }

        if (AidFlow.Next(current.Status, AidTrigger.AddDocument) is null)
        {
            return LegalResult<AidDocument>.Refused(LegalStatus.NotAllowed, AidFlow.Refusal(current.Status, AidTrigger.AddDocument));
        }

        if (Inspect(upload) is { Error: { } error })
        {
            return LegalResult<AidDocument>.Refused(LegalStatus.Invalid, error, "file");
        }

        var (contentType, extension, _) = Inspect(upload);
        var path = $"legalaid/applications/{id}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.{extension}";
        using (var stream = new MemoryStream(upload.Content, writable: false))
        {
            await files.WriteAsync(path, stream, cancellationToken);
        }

        var actor = user.Identity?.Name ?? "";
        var document = new AidDocument
        {
            ApplicationId = id,
            Kind = upload.Kind,
            FileName = SafeName(upload.FileName, extension!),
            Path = path,
            ContentType = contentType!,
            Size = upload.Content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content)),
            UploadedBy = actor,
            UploadedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var result = await ChangeAsync(id, null, AidTrigger.AddDocument, a =>
        {
            document.Id = 0;
            db.Add(document);
            return ("Document", $"{LegalAidNames.DocumentKind(document.Kind).Chinese}：{document.FileName}");
        }, actor, cancellationToken);
        if (!result.Succeeded)
        {
            files.Delete(path);
            return new LegalResult<AidDocument>(result.Status, Errors: result.Errors);
        }

        return LegalResult<AidDocument>.Ok(document);
    }

    /// <summary>The document and its content, when <paramref name="user"/> may read the application's personal data.</summary>
    public async Task<(AidDocument Document, Stream Content)?> OpenDocumentAsync(long applicationId, long documentId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await FindVisibleAsync(applicationId, user, cancellationToken) is not { } application
            || !await CanSeePersonalAsync(application, user, cancellationToken)
            || await db.Set<AidDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId, cancellationToken) is not { } document
            || files.OpenRead(document.Path) is not { } stream)
        {
            return null;
        }

        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "read", $"application:{application.Number}", $"document {document.Id}"), cancellationToken);
        return (document, stream);
    }

    /// <summary>What the bytes are (content type and extension), or why they are refused; the name's extension is ignored.</summary>
    public static (string? ContentType, string? Extension, BilingualText? Error) Inspect(AidUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!Enum.IsDefined(upload.Kind))
        {
            return (null, null, new("请选择材料类别。", "Choose the kind of document."));
        }

        var content = upload.Content;
        if (content.Length == 0)
        {
            return (null, null, new($"“{upload.FileName}”是空文件。", $"“{upload.FileName}” is empty."));
        }

        if (content.LongLength > MaxDocumentBytes)
        {
            return (null, null, new($"“{upload.FileName}”超过 10 MB。", $"“{upload.FileName}” is larger than 10 MB."));
        }

        ReadOnlySpan<byte> bytes = content;
        return bytes.StartsWith(Pdf) ? ("application/pdf", "pdf", null)
            : bytes.StartsWith(Png) ? ("image/png", "png", null)
            : bytes.StartsWith(Jpeg) ? ("image/jpeg", "jpg", null)
            : (null, null, new($"“{upload.FileName}”不是 PDF、JPEG 或 PNG 文件。", $"“{upload.FileName}” is not a PDF, JPEG or PNG file."));
    }

    private async Task<bool> IsLawyerAsync(AidApplication application, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        application.LawyerId is { } lawyer && (await consultations.MyLawyerIdsAsync(user, cancellationToken)).Contains(lawyer);

    private void AddEvent(long applicationId, int sequence, string kind, string? note, string actor, DateTime at) =>
        db.Add(new AidEvent { ApplicationId = applicationId, Sequence = sequence, Kind = kind, Note = note is { Length: > 2000 } ? note[..2000] : note, Actor = actor, AtUtc = at });

    // Loads, moves through the flow, appends the event and saves with the version check, in one transaction.
    private async Task<LegalResult<AidApplication>> ChangeAsync(long id, int? expectedVersion, AidTrigger trigger, Func<AidApplication, (string Kind, string? Note)> change, string actor, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var application = await db.Set<AidApplication>().FirstAsync(a => a.Id == id, ct);
                if (expectedVersion is { } expected && expected != application.Version)
                {
                    throw new Refusal(LegalResult<AidApplication>.Refused(LegalStatus.Stale, LegalResult<AidApplication>.StaleText));
                }

                if (AidFlow.Next(application.Status, trigger) is not { } next)
                {
                    throw new Refusal(LegalResult<AidApplication>.Refused(LegalStatus.NotAllowed, AidFlow.Refusal(application.Status, trigger)));
                }

                var (kind, note) = change(application);
                var now = clock.GetUtcNow().UtcDateTime;
                application.Status = next;
                application.UpdatedUtc = now;
                application.Version++;
                var sequence = await db.Set<AidEvent>().Where(e => e.ApplicationId == id).MaxAsync(e => (int?)e.Sequence, ct) ?? 0;
                AddEvent(id, sequence + 1, kind, note, actor, now);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, $"application-{kind.ToLowerInvariant()}", $"application:{application.Number}", null), ct);
                return LegalResult<AidApplication>.Ok(application);
            }, cancellationToken);
        }
        catch (Refusal refusal)
        {
            db.ChangeTracker.Clear();
            return refusal.Result;
        }
        catch (DbUpdateException)
        {
            // A concurrent step took the same version or sequence.
            db.ChangeTracker.Clear();
            return LegalResult<AidApplication>.Refused(LegalStatus.Stale, LegalResult<AidApplication>.StaleText);
        }
    }

    /// <summary>Texts the applicant the decision (no reasons: they are given at the station).</summary>
    private async Task NotifyAsync(AidApplication application, AidTrigger trigger, Lawyer? lawyer, CancellationToken cancellationToken)
    {
        var phone = await db.Set<LegalStation>().AsNoTracking().Where(s => s.Id == application.StationId).Select(s => s.Phone).FirstOrDefaultAsync(cancellationToken);
        var ask = phone is { Length: > 0 } ? $"详情请咨询 {phone}。" : "详情请咨询受理站点。";
        var askEnglish = phone is { Length: > 0 } ? $" For details call {phone}." : " For details ask the station.";
        var (chinese, english) = trigger switch
        {
            AidTrigger.Grant => ($"您的法律援助申请 {application.Number} 已决定给予法律援助。", $"Legal aid has been granted on your application {application.Number}."),
            AidTrigger.Refuse => ($"您的法律援助申请 {application.Number} 经审查决定不予法律援助。", $"Your legal aid application {application.Number} was refused."),
            _ => ($"您的法律援助申请 {application.Number} 已指派律师 {lawyer?.Name}承办。", $"Lawyer {lawyer?.Name} has been assigned to your legal aid application {application.Number}."),
        };
        try
        {
            await sender.SendAsync(new OutgoingMessage("sms", application.Phone, $"法律援助 / Legal aid: {application.Number}", $"{chinese}{ask}\n{english}{askEnglish}"), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Legal aid: the decision text of application {Number} could not be sent", application.Number);
        }
    }

    private static string SafeName(string name, string extension)
    {
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName((name ?? "").Replace('\\', '/')));
        baseName = new string([.. baseName.Where(c => !char.IsControl(c) && c is not ('/' or '"' or '<' or '>'))]).Trim();
        if (baseName.Length == 0)
        {
            baseName = "document";
        }

        return $"{(baseName.Length > 80 ? baseName[..80] : baseName)}.{extension}";
    }

    private sealed class Refusal(LegalResult<AidApplication> result) : Exception("The step was refused.")
    {
        public LegalResult<AidApplication> Result { get; } = result;
    }
}
