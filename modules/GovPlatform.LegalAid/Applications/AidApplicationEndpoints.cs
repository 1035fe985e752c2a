using System.Globalization;
using GovPlatform.Data;
using GovPlatform.LegalAid.Consultations;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace GovPlatform.LegalAid.Applications;

/// <summary>The legal aid applications' staff pages under <c>admin/legal/applications</c>: list, form, application with its steps and documents.</summary>
internal static class AidApplicationEndpoints
{
    public const string Path = "admin/legal/applications";

    private static readonly Dictionary<string, AidTrigger> Steps = new(StringComparer.Ordinal)
    {
        ["request-documents"] = AidTrigger.RequestDocuments,
        ["grant"] = AidTrigger.Grant,
        ["refuse"] = AidTrigger.Refuse,
        ["assign"] = AidTrigger.Assign,
        ["progress"] = AidTrigger.Progress,
        ["close"] = AidTrigger.Close,
        ["withdraw"] = AidTrigger.Withdraw,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path);
        group.MapGetShared("/", ListAsync).RequirePermission(LegalAidPermissions.View);
        group.MapGetShared("/new", NewAsync).RequirePermission(LegalAidPermissions.Consult);
        group.MapPostShared("/new", SubmitAsync).RequirePermission(LegalAidPermissions.Consult);
        // Viewing is the gate; the service checks the unit, the lawyer and the submitter.
        group.MapGetShared("/{id:long}", ShowAsync).RequirePermission(LegalAidPermissions.View);
        group.MapPostShared("/{id:long}/documents", UploadAsync).RequirePermission(LegalAidPermissions.View)
            .WithMetadata(new SizeLimit(12L * 1024 * 1024)).WithFormOptions(multipartBodyLengthLimit: 12L * 1024 * 1024);
        group.MapGetShared("/{id:long}/documents/{documentId:long}", DownloadAsync).RequirePermission(LegalAidPermissions.View);
        group.MapPostShared("/{id:long}/{step}", StepAsync).RequirePermission(LegalAidPermissions.View);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AidApplicationService service, TimeProvider clock, CancellationToken ct)
    {
        var query = context.Request.Query;
        var filter = new AidFilter(
            Enum.TryParse<AidStatus>(query["status"].FirstOrDefault(), out var status) && Enum.IsDefined(status) ? status : null,
            query["overdue"].FirstOrDefault() == "1",
            query["q"].FirstOrDefault() is { Length: > 0 and <= 50 } q ? q : null,
            int.TryParse(query["page"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1);
        return ConsultationEndpoints.Page<AidListPage>(context, new AidListModel(filter, await service.ListAsync(filter, context.User, ct), clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> NewAsync(long? consultation, HttpContext context, AidApplicationService service, LegalAidSettingsStore settings, CancellationToken ct)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["householdSize"] = "1" };
        if (consultation is { } consultationId)
        {
            if (await service.FromConsultationAsync(consultationId, context.User, ct) is not { } from)
            {
                return Results.NotFound();
            }

            values["stationId"] = from.StationId > 0 ? from.StationId.ToString(CultureInfo.InvariantCulture) : "";
            values["applicantName"] = from.ApplicantName;
            values["phone"] = from.Phone;
            values["applicantUnitCode"] = from.ApplicantUnitCode ?? "";
            values["matterType"] = from.MatterType.ToString();
            values["summary"] = from.Summary;
            values["consultationId"] = consultationId.ToString(CultureInfo.InvariantCulture);
        }

        return await FormAsync(context, service, settings, values, [], null, null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SubmitAsync(IFormCollection form, HttpContext context, AidApplicationService service, LegalAidSettingsStore settings, CancellationToken ct)
    {
        var values = ConsultationEndpoints.Values(form);
        var exemptions = form["exemptions"].Select(e => Enum.TryParse<AidExemptions>(e, out var x) ? x : AidExemptions.None).Aggregate(AidExemptions.None, (a, b) => a | b);
        var errors = new Dictionary<string, BilingualText>();
        long? incomeFen = decimal.TryParse(values.GetValueOrDefault("monthlyIncome"), NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) && yuan >= 0 && yuan < 100_000_000m && decimal.Round(yuan, 2) == yuan
            ? (long)(yuan * 100)
            : null;
        if (incomeFen is null)
        {
            errors["monthlyIncome"] = new("请填写家庭月收入（元，最多两位小数）。", "Enter the household's monthly income in yuan (at most two decimals).");
        }

        var submission = new AidSubmission
        {
            StationId = long.TryParse(values.GetValueOrDefault("stationId"), NumberStyles.None, CultureInfo.InvariantCulture, out var station) ? station : 0,
            ApplicantName = values.GetValueOrDefault("applicantName") ?? "",
            IdNumber = values.GetValueOrDefault("idNumber") ?? "",
            Phone = values.GetValueOrDefault("phone") ?? "",
            Address = values.GetValueOrDefault("address"),
            ApplicantUnitCode = values.GetValueOrDefault("applicantUnitCode"),
            CaseKind = Enum.TryParse<AidCaseKind>(values.GetValueOrDefault("caseKind"), out var kind) ? kind : (AidCaseKind)(-1),
            MatterType = Enum.TryParse<MatterType>(values.GetValueOrDefault("matterType"), out var type) ? type : (MatterType)(-1),
            Summary = values.GetValueOrDefault("summary") ?? "",
            OpposingParty = values.GetValueOrDefault("opposingParty"),
            HouseholdSize = int.TryParse(values.GetValueOrDefault("householdSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0,
            MonthlyIncomeFen = incomeFen ?? 0,
            Exemptions = exemptions,
            ConsultationId = long.TryParse(values.GetValueOrDefault("consultationId"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null,
        };
        values["exemptions"] = ((int)exemptions).ToString(CultureInfo.InvariantCulture);
        var result = errors.Count == 0 ? await service.SubmitAsync(submission, context.User, ct) : LegalResult<AidApplication>.Invalid(errors);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{result.Value!.Id}?done=submitted"));
        }

        var merged = (result.Errors ?? new Dictionary<string, BilingualText>()).ToDictionary(e => e.Key, e => e.Value);
        foreach (var (key, value) in errors)
        {
            merged[key] = value;
        }

        var (fieldErrors, general) = ConsultationEndpoints.Split(merged);
        return await FormAsync(context, service, settings, values, fieldErrors, general, submission, ConsultationEndpoints.StatusOf(result.Status), ct);
    }

    private static async Task<IResult> FormAsync(HttpContext context, AidApplicationService service, LegalAidSettingsStore settings, Dictionary<string, string> values,
        Dictionary<string, string> errors, string? general, AidSubmission? posted, int status, CancellationToken ct)
    {
        var limit = (await settings.GetAsync(ct)).IncomeLimitFen;
        var means = posted is { HouseholdSize: >= 1 } p ? MeansTest.Evaluate(p.HouseholdSize, p.MonthlyIncomeFen, p.Exemptions, limit) : null;
        return ConsultationEndpoints.Page<AidFormPage>(context, new AidFormModel(await service.StationsAsync(ct), await ConsultationEndpoints.ListsAsync(context), values, errors, general, means, limit), status);
    }

    private static async Task<IResult> ShowAsync(long id, string? done, HttpContext context, AidApplicationService service, CancellationToken ct) =>
        await service.FindVisibleAsync(id, context.User, ct) is { } application
            ? ConsultationEndpoints.Page<AidPage>(context, await PageModelAsync(application, context, service, done, null, new Dictionary<string, string>(), new Dictionary<string, string>(), ct))
            : Results.NotFound();

    private static async Task<IResult> StepAsync(long id, string step, IFormCollection form, HttpContext context, AidApplicationService service, CancellationToken ct)
    {
        if (!Steps.TryGetValue(step, out var trigger))
        {
            return Results.NotFound();
        }

        string? F(string name) => form[name].FirstOrDefault();
        var command = new AidStep(trigger, F("note"), F("overrideReason"),
            long.TryParse(F("lawyerId"), NumberStyles.None, CultureInfo.InvariantCulture, out var lawyer) ? lawyer : null,
            Enum.TryParse<AidResult>(F("result"), out var r) ? r : null,
            int.TryParse(F("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
        var result = await service.StepAsync(id, command, context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{id}?done={step}"));
        }

        if (result.Status == LegalStatus.NotFound || await service.FindVisibleAsync(id, context.User, ct) is not { } current)
        {
            return Results.NotFound();
        }

        var (errors, general) = ConsultationEndpoints.Split(result.Errors);
        var values = ConsultationEndpoints.Values(form);
        values["posted"] = step;
        return ConsultationEndpoints.Page<AidPage>(context, await PageModelAsync(current, context, service, null, general, errors, values, ct), ConsultationEndpoints.StatusOf(result.Status));
    }

    private static async Task<IResult> UploadAsync(long id, IFormCollection form, HttpContext context, AidApplicationService service, CancellationToken ct)
    {
        var file = form.Files.GetFile("file");
        LegalResult<AidDocument> result;
        if (file is null || file.Length == 0)
        {
            result = LegalResult<AidDocument>.Refused(LegalStatus.Invalid, new("请选择要上传的文件。", "Choose a file to upload."), "file");
        }
        else if (file.Length > AidApplicationService.MaxDocumentBytes)
        {
            result = LegalResult<AidDocument>.Refused(LegalStatus.Invalid, new($"“{file.FileName}”超过 10 MB。", $"“{file.FileName}” is larger than 10 MB."), "file");
        }
        else
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var kind = Enum.TryParse<AidDocumentKind>(form["kind"].FirstOrDefault(), out var k) ? k : (AidDocumentKind)(-1);
            result = await service.AddDocumentAsync(id, new AidUpload(kind, file.FileName, buffer.ToArray()), context.User, ct);
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{id}?done=document"));
        }

        if (result.Status == LegalStatus.NotFound || await service.FindVisibleAsync(id, context.User, ct) is not { } current)
        {
            return Results.NotFound();
        }

        var (errors, general) = ConsultationEndpoints.Split(result.Errors);
        return ConsultationEndpoints.Page<AidPage>(context, await PageModelAsync(current, context, service, null, general, errors,
            new Dictionary<string, string> { ["posted"] = "document" }, ct), ConsultationEndpoints.StatusOf(result.Status));
    }

    private static async Task<IResult> DownloadAsync(long id, long documentId, HttpContext context, AidApplicationService service, CancellationToken ct)
    {
        if (await service.OpenDocumentAsync(id, documentId, context.User, ct) is not { } opened)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(opened.Document.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(opened.Content, opened.Document.ContentType, enableRangeProcessing: opened.Content.CanSeek);
    }

    private static async Task<AidPageModel> PageModelAsync(AidApplication application, HttpContext context, AidApplicationService service, string? done, string? error,
        IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var db = context.RequestServices.GetRequiredService<TenantDbContext>();
        var authorization = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        var personal = await service.CanSeePersonalAsync(application, context.User, ct);
        var documents = personal ? await db.Set<AidDocument>().AsNoTracking().Where(d => d.ApplicationId == application.Id).OrderBy(d => d.Id).ToListAsync(ct) : [];
        var events = await db.Set<AidEvent>().AsNoTracking().Where(e => e.ApplicationId == application.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var station = await db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == application.StationId, ct);
        var lawyer = application.LawyerId is { } l ? await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == l, ct) : null;
        var reviewer = await authorization.HasPermissionAsync(context.User, LegalAidPermissions.Review, application);
        var mine = await context.RequestServices.GetRequiredService<ConsultationService>().MyLawyerIdsAsync(context.User, ct);
        var isLawyer = application.LawyerId is { } assigned && mine.Contains(assigned);
        BilingualText? notice = done switch
        {
            null => null,
            "submitted" => new BilingualText("申请已受理。", "The application was taken."),
            "document" => new BilingualText("材料已上传。", "The document was added."),
            _ => new BilingualText("已完成。", "Done."),
        };
        await service.AuditReadAsync(application, personal, ct);
        return new AidPageModel(application, station, lawyer, personal, personal ? await service.MeansTestAsync(application, ct) : null, documents, events,
            AidFlow.Allowed(application.Status), reviewer, isLawyer, string.Equals(application.SubmittedBy, context.User.Identity?.Name, StringComparison.Ordinal),
            reviewer ? await service.AssignableLawyersAsync(ct) : [], notice is { } n ? ConsultationEndpoints.Text(n) : null, error, errors, values,
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
    }

    private sealed class SizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}

public sealed record AidListModel(AidFilter Filter, AidList Result, DateTime NowUtc);

public sealed record AidFormModel(IReadOnlyList<LegalStation> Stations, LegalLists Lists, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors,
    string? Error, MeansTest? Means, long LimitFen);

public sealed record AidPageModel(
    AidApplication Application,
    LegalStation? Station,
    Lawyer? Lawyer,
    bool Personal,
    MeansTest? Means,
    IReadOnlyList<AidDocument> Documents,
    IReadOnlyList<AidEvent> Events,
    IReadOnlySet<AidTrigger> Allowed,
    bool Reviewer,
    bool IsLawyer,
    bool IsSubmitter,
    IReadOnlyList<Lawyer> Lawyers,
    string? Notice,
    string? Error,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyDictionary<string, string> Values,
    DateTime NowUtc);
