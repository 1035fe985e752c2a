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
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// The staff side of the petitions hall under <c>admin/petitions</c>: the workbench, the case page with the forms of
/// the actions allowed now, attachments, and (in <see cref="IntakeEndpoints"/>) the reception's registration and the
/// grid worker's field report.
/// </summary>
internal static class WorkbenchEndpoints
{
    public const string Path = "admin/petitions";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path);
        group.MapGetShared("/", ListAsync).RequirePermission(PetitionPermissions.View);
        group.MapGetShared("/{id:long}", CaseAsync).RequirePermission(PetitionPermissions.View);

        // Viewing is the gate; whether the user may run the command is the workflow's check on the petition.
        group.MapPostShared("/{id:long}/{action}", ActAsync).RequirePermission(PetitionPermissions.View)
            .WithMetadata(WorkbenchUploads.RequestLimit).WithFormOptions(multipartBodyLengthLimit: WorkbenchUploads.MaxRequestBytes);
        group.MapGetShared("/{id:long}/attachments/{attachmentId:long}", AttachmentAsync).RequirePermission(PetitionPermissions.View);
        IntakeEndpoints.Map(group);
    }

    /// <summary>A page of the workbench, with the tenant's time zone for its dates.</summary>
    internal static RazorComponentResult<TPage> Page<TPage>(HttpContext context, object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        ComponentPage.Render<TPage>(context, new { Model = model, TimeZoneId = context.RequestServices.GetRequiredService<ITenant>().TimeZone }, status);

    internal static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    private static async Task<IResult> ListAsync(HttpContext context, PetitionWorkbench bench, CancellationToken ct)
    {
        var filter = WorkbenchFilter.Parse(context.Request.Query);
        var model = await bench.ListAsync(filter, context.User, ct);
        return Page<WorkbenchPage>(context, model, filter.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CaseAsync(long id, string? done, HttpContext context, PetitionWorkbench bench, CancellationToken ct)
    {
        if (await bench.FindVisibleAsync(id, context.User, ct) is not { } petition)
        {
            return Results.NotFound();
        }

        return Page<CasePage>(context, await bench.CaseAsync(petition, context.User, new CaseState(Notice: DoneNotice(done)), ct));
    }

    private static async Task<IResult> ActAsync(
        long id, string action, IFormCollection form, HttpContext context, PetitionWorkbench bench, PetitionWorkflow workflow, PetitionSettingsStore settingsStore, CancellationToken ct)
    {
        if (!CaseActions.TryParse(action, out var trigger) || await bench.FindVisibleAsync(id, context.User, ct) is null)
        {
            return Results.NotFound();
        }

        var values = CaseActions.Values(form);
        IReadOnlyList<PetitionUpload> uploads = [];
        if (CaseActions.TakesFiles(trigger))
        {
            (uploads, var fileError) = await WorkbenchUploads.ReadAsync(form.Files, await settingsStore.GetAsync(ct), ct);
            if (fileError is { } error)
            {
                return await RefusedAsync(id, context, bench, StatusCodes.Status400BadRequest,
                    new CaseState(Posted: trigger, Values: values, Errors: new Dictionary<string, string> { [PetitionFields.Attachments] = Text(error) }), ct);
            }
        }

        var result = await workflow.ExecuteAsync(id, CaseActions.Command(trigger, form, uploads), PetitionActor.Staff(context.User), ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{id}?done={CaseActions.SlugOf(trigger)}"));
        }

        var errors = (result.Errors ?? new Dictionary<string, BilingualText>()).ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal);
        var general = errors.Remove("", out var message) ? message : null;
        var status = result.Status switch
        {
            PetitionCommandStatus.NotFound => StatusCodes.Status404NotFound,
            PetitionCommandStatus.Forbidden => StatusCodes.Status403Forbidden,
            PetitionCommandStatus.NotAllowed or PetitionCommandStatus.Stale => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        if (status == StatusCodes.Status404NotFound)
        {
            return Results.NotFound();
        }

        return await RefusedAsync(id, context, bench, status, new CaseState(Error: general, Posted: trigger, Values: values, Errors: errors), ct);
    }

    private static async Task<IResult> AttachmentAsync(long id, long attachmentId, HttpContext context, PetitionWorkbench bench, TenantDbContext db, PetitionFiles files, CancellationToken ct)
    {
        if (await bench.FindVisibleAsync(id, context.User, ct) is null
            || await db.Set<PetitionAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.PetitionId == id, ct) is not { } attachment
            || files.Open(attachment) is not { } stream)
        {
            return Results.NotFound();
        }

        // Photos show in the page; anything else downloads, and nothing is sniffed into something the browser runs.
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, max-age=3600";
        var disposition = new ContentDispositionHeaderValue(attachment.ContentType.StartsWith("image/", StringComparison.Ordinal) ? "inline" : "attachment");
        disposition.SetHttpFileName(attachment.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(stream, attachment.ContentType, enableRangeProcessing: stream.CanSeek);
    }

    /// <summary>The case page again after a refused action, with the petition as it is now.</summary>
    private static async Task<IResult> RefusedAsync(long id, HttpContext context, PetitionWorkbench bench, int status, CaseState state, CancellationToken ct) =>
        await bench.FindVisibleAsync(id, context.User, ct) is { } petition
            ? Page<CasePage>(context, await bench.CaseAsync(petition, context.User, state, ct), status)
            : Results.NotFound();

    private static string? DoneNotice(string? done) => done switch
    {
        null or "" => null,
        "received" => Text(new("来访登记已保存，您是这件诉求的首问责任人。", "The visit is registered; you are the petition's first responder.")),
        "received-solved" => Text(new("来访登记已保存，并已记录当场解决。", "The visit is registered and recorded as solved on the spot.")),
        "received-unsolved" => Text(new("来访登记已保存，但未能记录当场解决，请在下方选择后续操作。", "The visit is registered, but it could not be recorded as solved on the spot; choose the next step below.")),
        _ when CaseActions.TryParse(done, out var trigger) => Text(new($"已完成：{PetitionNames.Trigger(trigger).Chinese}。", $"Done: {PetitionNames.Trigger(trigger).English}.")),
        _ => null,
    };
}
