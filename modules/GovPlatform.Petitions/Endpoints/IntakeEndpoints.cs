using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions.Components.Admin;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// Staff intake: the reception's registration form (<c>admin/petitions/reception</c>, 群众来访接待登记表; the receiver is
/// the first responder) and the grid worker's field report from a phone (<c>admin/petitions/report</c>).
/// </summary>
internal static class IntakeEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGetShared("/reception", ReceptionPageAsync).RequirePermission(PetitionPermissions.Receive);
        group.MapPostShared("/reception", ReceiveAsync).RequirePermission(PetitionPermissions.Receive)
            .WithMetadata(WorkbenchUploads.RequestLimit).WithFormOptions(multipartBodyLengthLimit: WorkbenchUploads.MaxRequestBytes);
        group.MapGetShared("/report", ReportPageAsync).RequirePermission(PetitionPermissions.Report);
        group.MapPostShared("/report", ReportAsync).RequirePermission(PetitionPermissions.Report)
            .WithMetadata(WorkbenchUploads.RequestLimit).WithFormOptions(multipartBodyLengthLimit: WorkbenchUploads.MaxRequestBytes);
    }

    private static async Task<IResult> ReceptionPageAsync(HttpContext context, PetitionWorkbench bench, TenantDbContext db, PetitionCatalogCache catalogs, CancellationToken ct) =>
        WorkbenchEndpoints.Page<ReceptionPage>(context, await ReceptionModelAsync(new ReceptionForm(), new Dictionary<string, string>(), false, bench, db, catalogs, ct));

    private static async Task<IResult> ReceiveAsync(
        IFormCollection posted, HttpContext context, PetitionWorkbench bench, TenantDbContext db, PetitionCatalogCache catalogs, PetitionSettingsStore settingsStore,
        PetitionIntakeService intake, PetitionWorkflow workflow, CancellationToken ct)
    {
        var form = new ReceptionForm
        {
            ContactName = posted["contactName"].FirstOrDefault(),
            ContactPhone = posted["contactPhone"].FirstOrDefault(),
            PeopleInvolved = posted["peopleInvolved"].FirstOrDefault(),
            Description = posted["description"].FirstOrDefault(),
            CategoryCode = posted["categoryCode"].FirstOrDefault(),
            GridUnitCode = posted["gridUnitCode"].FirstOrDefault(),
            Longitude = posted["longitude"].FirstOrDefault(),
            Latitude = posted["latitude"].FirstOrDefault(),
            Address = posted["address"].FirstOrDefault(),
            OnTheSpotHandling = posted["onTheSpotHandling"].FirstOrDefault(),
            ReceptionOpinion = posted["receptionOpinion"].FirstOrDefault(),
            SolvedOnTheSpot = posted["solvedOnTheSpot"].FirstOrDefault() is "true" or "on",
            Key = posted["key"].FirstOrDefault() is { Length: > 0 and <= 64 } key ? key : ReceptionForm.NewKey(),
        };
        var filesPosted = posted.Files.Any(f => f.Length > 0);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var (longitude, latitude) = Point(form.Longitude, form.Latitude, errors);

        // Solved on the spot is decided before anything is saved: the category must allow it and the handling be written.
        var catalog = await catalogs.GetAsync(db, ct);
        if (form.SolvedOnTheSpot)
        {
            if (catalog.Find(form.CategoryCode?.Trim()) is { } category && !category.OnTheSpot)
            {
                errors["solvedOnTheSpot"] = new("这个类别不能当场解决，请按流程受理。", "This category cannot be solved on the spot; it must go through the loop.");
            }

            if (string.IsNullOrWhiteSpace(form.OnTheSpotHandling))
            {
                errors["onTheSpotHandling"] = new("当场解决时请填写现场处置情况，它会告知来访群众。", "When solved on the spot, write what was done; the visitor is told it.");
            }
        }

        var (uploads, fileError) = await WorkbenchUploads.ReadAsync(posted.Files, await settingsStore.GetAsync(ct), ct);
        if (fileError is { } refused)
        {
            errors["attachments"] = refused;
        }

        PetitionIntakeResult? result = null;
        if (errors.Count == 0)
        {
            result = await intake.SubmitAsync(new PetitionSubmission(PetitionChannel.Reception)
            {
                CategoryCode = form.CategoryCode,
                Description = form.Description,
                GridUnitCode = form.GridUnitCode,
                Longitude = longitude,
                Latitude = latitude,
                Address = form.Address,
                ContactName = form.ContactName,
                ContactPhone = form.ContactPhone,
                PeopleInvolved = form.PeopleInvolved,
                OnTheSpotHandling = form.OnTheSpotHandling,
                ReceptionOpinion = form.ReceptionOpinion,
                Attachments = uploads,
                IdempotencyKey = $"reception:{form.Key}",
            }, context.User, ct);
            foreach (var (field, message) in result.Errors)
            {
                errors[field] = message;
            }
        }

        if (result?.Petition is not { } petition)
        {
            var shown = errors.ToDictionary(e => e.Key, e => WorkbenchEndpoints.Text(e.Value), StringComparer.Ordinal);
            return WorkbenchEndpoints.Page<ReceptionPage>(context, await ReceptionModelAsync(form, shown, filesPosted, bench, db, catalogs, ct), StatusCodes.Status400BadRequest);
        }

        var done = "received";
        if (form.SolvedOnTheSpot)
        {
            var solved = await workflow.ExecuteAsync(petition.Id, new PetitionCommand(PetitionTrigger.SolveOnTheSpot)
            {
                PublicReply = form.OnTheSpotHandling,
                Note = form.ReceptionOpinion,
                IdempotencyKey = $"reception:{form.Key}:solved",
            }, PetitionActor.Staff(context.User), ct);
            done = solved.Succeeded ? "received-solved" : "received-unsolved";
        }

        return Results.Redirect(context.TenantPath($"{WorkbenchEndpoints.Path}/{petition.Id}?done={done}"));
    }

    private static async Task<IResult> ReportPageAsync(long? filed, HttpContext context, TenantDbContext db, PetitionCatalogCache catalogs, CancellationToken ct) =>
        WorkbenchEndpoints.Page<FieldReportPage>(context, new FieldReportPageModel
        {
            Form = new FieldReportForm(),
            Intake = await ReportModelAsync(new Dictionary<string, string>(), false, context, db, catalogs, ct),
            Filed = await FiledAsync(filed, context, db, ct),
        });

    private static async Task<IResult> ReportAsync(IFormCollection posted, HttpContext context, TenantDbContext db, PetitionCatalogCache catalogs, PetitionSettingsStore settingsStore,
        PetitionIntakeService intake, CancellationToken ct)
    {
        var form = new FieldReportForm
        {
            CategoryCode = posted["categoryCode"].FirstOrDefault(),
            Description = posted["description"].FirstOrDefault(),
            Longitude = posted["longitude"].FirstOrDefault(),
            Latitude = posted["latitude"].FirstOrDefault(),
            Address = posted["address"].FirstOrDefault(),
            ContactName = posted["contactName"].FirstOrDefault(),
            ContactPhone = posted["contactPhone"].FirstOrDefault(),
            Key = posted["key"].FirstOrDefault() is { Length: > 0 and <= 64 } key ? key : ReceptionForm.NewKey(),
        };
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var (longitude, latitude) = Point(form.Longitude, form.Latitude, errors);
        if (longitude is null && !errors.ContainsKey("location"))
        {
            errors["location"] = new("现场上报需要设备定位：请点“获取当前位置”，或手动填写经纬度。", "A field report needs the device's location: tap “Use my location”, or enter the coordinates.");
        }

        // The phone defaults to the worker's own (on their account); without one it must be given.
        var phone = string.IsNullOrWhiteSpace(form.ContactPhone) ? await OwnPhoneAsync(context, ct) : form.ContactPhone;
        if (string.IsNullOrWhiteSpace(phone))
        {
            errors["contactPhone"] = new("您的账号没有登记电话，请填写联系电话。", "Your account has no phone number; enter a contact phone.");
        }

        var (uploads, fileError) = await WorkbenchUploads.ReadAsync(posted.Files, await settingsStore.GetAsync(ct), ct);
        if (fileError is { } refused)
        {
            errors["attachments"] = refused;
        }

        if (errors.Count == 0)
        {
            var result = await intake.SubmitAsync(new PetitionSubmission(PetitionChannel.Field)
            {
                CategoryCode = form.CategoryCode,
                Description = form.Description,
                Longitude = longitude,
                Latitude = latitude,
                Address = form.Address,
                ContactName = form.ContactName,
                ContactPhone = phone,
                Attachments = uploads,
                IdempotencyKey = $"report:{form.Key}",
            }, context.User, ct);
            if (result.Petition is { } petition)
            {
                return Results.Redirect(context.TenantPath($"{WorkbenchEndpoints.Path}/report?filed={petition.Id}"));
            }

            foreach (var (field, message) in result.Errors)
            {
                errors[field] = message;
            }
        }

        var shown = errors.ToDictionary(e => e.Key, e => WorkbenchEndpoints.Text(e.Value), StringComparer.Ordinal);
        return WorkbenchEndpoints.Page<FieldReportPage>(context, new FieldReportPageModel
        {
            Form = form,
            Intake = await ReportModelAsync(shown, posted.Files.Any(f => f.Length > 0), context, db, catalogs, ct),
        }, StatusCodes.Status400BadRequest);
    }

    /// <summary>Reads a point typed or filled by the browser; half a point or text that is not a number is an error.</summary>
    private static (double? Longitude, double? Latitude) Point(string? longitude, string? latitude, Dictionary<string, BilingualText> errors)
    {
        if (string.IsNullOrWhiteSpace(longitude) && string.IsNullOrWhiteSpace(latitude))
        {
            return (null, null);
        }

        if (double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.IsFinite(lon) && double.IsFinite(lat))
        {
            return (lon, lat);
        }

        errors["location"] = new("请填写经度和纬度两个数字（如 113.2050 和 23.1050）。", "Enter both longitude and latitude as numbers (such as 113.2050 and 23.1050).");
        return (null, null);
    }

    private static async Task<ReceptionPageModel> ReceptionModelAsync(
        ReceptionForm form, IReadOnlyDictionary<string, string> errors, bool filesDropped, PetitionWorkbench bench, TenantDbContext db, PetitionCatalogCache catalogs, CancellationToken ct) =>
        new()
        {
            Form = form,
            Intake = new IntakePageModel
            {
                Catalog = await catalogs.GetAsync(db, ct),

                // A visitor may come about a matter anywhere in the district; the case stays with the receiver's unit.
                Units = await bench.AllUnitsAsync(ct),
                Errors = errors,
                FilesDropped = filesDropped,
            },
        };

    private static async Task<IntakePageModel> ReportModelAsync(
        IReadOnlyDictionary<string, string> errors, bool filesDropped, HttpContext context, TenantDbContext db, PetitionCatalogCache catalogs, CancellationToken ct) =>
        new()
        {
            Catalog = await catalogs.GetAsync(db, ct),
            Errors = errors,
            FilesDropped = filesDropped,
            OwnPhone = await OwnPhoneAsync(context, ct),
        };

    private static async Task<string?> OwnPhoneAsync(HttpContext context, CancellationToken ct) =>
        context.User.Identity?.Name is { Length: > 0 } name && context.RequestServices.GetService<ITenantUsers>() is { } users
            ? (await users.FindByUserNameAsync(name, ct))?.Phone
            : null;

    /// <summary>The report just filed, shown to the worker who filed it (the intake event names them), and to no one else.</summary>
    private static async Task<FiledReport?> FiledAsync(long? id, HttpContext context, TenantDbContext db, CancellationToken ct)
    {
        if (id is not { } value || context.User.Identity?.Name is not { Length: > 0 } me)
        {
            return null;
        }

        var filedByMe = await db.Set<PetitionEvent>().AsNoTracking()
            .AnyAsync(e => e.PetitionId == value && e.Action == PetitionNames.SubmitAction && e.Actor == me, ct);
        return filedByMe
            ? await db.Set<Petition>().AsNoTracking().Where(p => p.Id == value).Select(p => new FiledReport(p.Id, p.TrackingNumber, p.PossibleDuplicateOfId != null)).FirstOrDefaultAsync(ct)
            : null;
    }
}
