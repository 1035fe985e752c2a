using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Localization;
using GovPlatform.Mediation.Components.Admin;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Modules;
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

namespace GovPlatform.Mediation.Endpoints;

/// <summary>
/// The dispute ledger's staff pages under <c>admin/mediation</c>: the list with the alerts for the user's units, the
/// registration form, the dispute page with the forms of its commands, and acknowledging an alert.
/// </summary>
internal static class DisputeEndpoints
{
    public const string Path = "admin/mediation";

    private static readonly string[] Actions = ["assign", "settle", "fail", "withdraw", "risk", "escalate", "follow-up", "note", "parties", "edit"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path);
        group.MapGetShared("/", ListAsync).RequirePermission(MediationPermissions.View);
        group.MapGetShared("/disputes/new", NewAsync).RequirePermission(MediationPermissions.Register);
        group.MapPostShared("/disputes/new", RegisterAsync).RequirePermission(MediationPermissions.Register);
        group.MapGetShared("/disputes/{id:long}", DisputeAsync).RequirePermission(MediationPermissions.View);
        // Viewing is the gate; the ledger checks the permission on the dispute's handling unit.
        group.MapPostShared("/disputes/{id:long}/{action}", ActAsync).RequirePermission(MediationPermissions.View);
        group.MapPostShared("/alerts/{id:long}/acknowledge", AcknowledgeAsync).RequirePermission(MediationPermissions.Supervise);
    }

    /// <summary>A mediation page, with the tenant's time zone for its dates.</summary>
    internal static RazorComponentResult<TPage> Page<TPage>(HttpContext context, object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        ComponentPage.Render<TPage>(context, new { Model = model, TimeZoneId = context.RequestServices.GetRequiredService<ITenant>().TimeZone }, status);

    internal static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    private static async Task<IResult> ListAsync(HttpContext context, DisputeDesk desk, CancellationToken ct) =>
        Page<LedgerPage>(context, await desk.ListAsync(LedgerFilter.Parse(context.Request.Query), context.User, ct));

    private static async Task<IResult> NewAsync(HttpContext context, DisputeDesk desk, CancellationToken ct) =>
        Page<NewDisputePage>(context, new NewDisputeModel(await desk.RegistrableUnitsAsync(context.User, ct), new Dictionary<string, string>(), new Dictionary<string, string>(), null));

    private static async Task<IResult> RegisterAsync(IFormCollection form, HttpContext context, DisputeDesk desk, DisputeLedger ledger, CancellationToken ct)
    {
        var values = form.Keys.ToDictionary(k => k, k => form[k].FirstOrDefault() ?? "", StringComparer.Ordinal);
        var parties = PartiesOf(form);
        var registration = new DisputeRegistration
        {
            Type = Enum.TryParse<DisputeType>(values.GetValueOrDefault("type"), out var type) ? type : (DisputeType)(-1),
            Source = Enum.TryParse<DisputeSource>(values.GetValueOrDefault("source"), out var source) && source != DisputeSource.Petition ? source : DisputeSource.WalkIn,
            Risk = Enum.TryParse<RiskLevel>(values.GetValueOrDefault("risk"), out var risk) ? risk : (RiskLevel)(-1),
            Title = values.GetValueOrDefault("title") ?? "",
            Description = values.GetValueOrDefault("description") ?? "",
            GridUnitCode = values.GetValueOrDefault("gridUnitCode") ?? "",
            Parties = parties,
            IdempotencyKey = values.GetValueOrDefault("key") is { Length: > 0 and <= 80 } key ? $"desk:{key}" : null,
        };
        var result = await ledger.RegisterAsync(registration, DisputeActor.Staff(context.User), ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/disputes/{result.Dispute!.Id}?done=registered"));
        }

        // Errors of rows that skipped blank ones point at the row's position among the posted rows.
        var errors = (result.Errors ?? new Dictionary<string, BilingualText>()).ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal);
        var general = errors.Remove("", out var message) ? message : null;
        var status = result.Status == DisputeResultStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return Page<NewDisputePage>(context, new NewDisputeModel(await desk.RegistrableUnitsAsync(context.User, ct), values, RowErrors(errors, values), general), status);
    }

    private static async Task<IResult> DisputeAsync(long id, string? done, HttpContext context, DisputeDesk desk, CancellationToken ct) =>
        await desk.FindVisibleAsync(id, context.User, ct) is { } dispute
            ? Page<DisputePage>(context, await desk.PageAsync(dispute, context.User, new DisputePageState(Notice: DoneNotice(done)), ct))
            : Results.NotFound();

    private static async Task<IResult> ActAsync(long id, string action, IFormCollection form, HttpContext context, DisputeDesk desk, DisputeLedger ledger, CancellationToken ct)
    {
        if (!Actions.Contains(action) || await desk.FindVisibleAsync(id, context.User, ct) is null)
        {
            return Results.NotFound();
        }

        var actor = DisputeActor.Staff(context.User);
        string? Field(string name) => form[name].FirstOrDefault();
        var note = Field("note") ?? "";
        int? version = int.TryParse(Field("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = action switch
        {
            "assign" => await ledger.AssignAsync(id,
                long.TryParse(Field("bodyId"), NumberStyles.None, CultureInfo.InvariantCulture, out var body) ? body : 0,
                long.TryParse(Field("mediatorId"), NumberStyles.None, CultureInfo.InvariantCulture, out var mediator) ? mediator : null,
                [.. form["coMediatorIds"].Select(c => long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var co) ? co : 0).Where(c => c > 0)],
                note, actor, version, ct),
            "settle" => await ledger.CloseAsync(id, new DisputeOutcome(DisputeStatus.Settled) { AgreementTerms = Field("agreementTerms"), Note = note }, actor, version, ct),
            "fail" => await ledger.CloseAsync(id, new DisputeOutcome(DisputeStatus.Failed)
            {
                Referral = Enum.TryParse<FailedReferral>(Field("referral"), out var referral) ? referral : (FailedReferral)(-1),
                Note = note,
            }, actor, version, ct),
            "withdraw" => await ledger.CloseAsync(id, new DisputeOutcome(DisputeStatus.Withdrawn) { Note = note }, actor, version, ct),
            "risk" => await ledger.SetRiskAsync(id, Enum.TryParse<RiskLevel>(Field("risk"), out var risk) ? risk : (RiskLevel)(-1), note, actor, version, ct),
            "escalate" => await ledger.EscalateAsync(id, note, actor, version, ct),
            "follow-up" => await ledger.FollowUpAsync(id, Field("kept") != "false", note, actor, ct),
            "parties" => await ledger.SetPartiesAsync(id, PartiesOf(form), actor, version, ct),
            "edit" => await ledger.EditAsync(id, Field("title") ?? "", Enum.TryParse<DisputeType>(Field("type"), out var type) ? type : (DisputeType)(-1), Field("description") ?? "", actor, version, ct),
            _ => await ledger.AddNoteAsync(id, note, actor, ct),
        };
        if (result.Succeeded)
        {
            // Escalating may take the dispute out of the user's sight: back to the ledger then.
            return await desk.FindVisibleAsync(id, context.User, ct) is null
                ? Results.Redirect(context.TenantPath(Path))
                : Results.Redirect(context.TenantPath($"{Path}/disputes/{id}?done={action}"));
        }

        var errors = (result.Errors ?? new Dictionary<string, BilingualText>()).ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal);
        var general = errors.Remove("", out var message) ? message : null;
        var status = result.Status switch
        {
            DisputeResultStatus.NotFound => StatusCodes.Status404NotFound,
            DisputeResultStatus.Forbidden => StatusCodes.Status403Forbidden,
            DisputeResultStatus.NotAllowed or DisputeResultStatus.Stale => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        if (status == StatusCodes.Status404NotFound || await desk.FindVisibleAsync(id, context.User, ct) is not { } current)
        {
            return Results.NotFound();
        }

        var values = form.Keys.ToDictionary(k => k, k => form[k].FirstOrDefault() ?? "", StringComparer.Ordinal);
        return Page<DisputePage>(context, await desk.PageAsync(current, context.User, new DisputePageState(null, general, action, values, action == "parties" ? RowErrors(errors, values) : errors), ct), status);
    }

    private static async Task<IResult> AcknowledgeAsync(long id, HttpContext context, TenantDbContext db, GovPlatform.Grid.IGridScopeFilter scope, TimeProvider clock, CancellationToken ct)
    {
        var alert = await db.Set<MediationAlert>().FirstOrDefaultAsync(a => a.Id == id && a.AcknowledgedUtc == null, ct);
        if (alert is null || (await scope.GetScopeCodesAsync(context.User, ct) is { } codes && !codes.Contains(alert.UnitCode)))
        {
            return Results.NotFound();
        }

        alert.AcknowledgedUtc = clock.GetUtcNow().UtcDateTime;
        alert.AcknowledgedBy = context.User.Identity?.Name;
        await db.SaveChangesAsync(ct);
        return Results.Redirect(context.TenantPath(Path));
    }

    /// <summary>The party rows of a form (<c>parties[i].name</c>…), blank rows left out.</summary>
    private static List<PartyInput> PartiesOf(IFormCollection form)
    {
        var parties = new List<PartyInput>();
        for (var i = 0; i < 20; i++)
        {
            string? Get(string field) => form[$"parties[{i}].{field}"].FirstOrDefault();
            var (name, phone, idNumber, address) = (Get("name"), Get("phone"), Get("idNumber"), Get("address"));
            if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(idNumber) && string.IsNullOrWhiteSpace(address))
            {
                continue;
            }

            parties.Add(new PartyInput(Enum.TryParse<PartyRole>(Get("role"), out var role) ? role : (PartyRole)(-1), name ?? "", phone, idNumber, address, Get("note")));
        }

        return parties;
    }

    /// <summary>Keeps the errors of fields the form shows under their own names; errors of the party rows stay on their row.</summary>
    private static Dictionary<string, string> RowErrors(Dictionary<string, string> errors, Dictionary<string, string> values)
    {
        // The ledger numbers party rows among the non-blank ones; map them back to the form's row positions.
        var posted = Enumerable.Range(0, 20).Where(i =>
            !string.IsNullOrWhiteSpace(values.GetValueOrDefault($"parties[{i}].name")) || !string.IsNullOrWhiteSpace(values.GetValueOrDefault($"parties[{i}].phone"))
            || !string.IsNullOrWhiteSpace(values.GetValueOrDefault($"parties[{i}].idNumber")) || !string.IsNullOrWhiteSpace(values.GetValueOrDefault($"parties[{i}].address"))).ToList();
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, message) in errors)
        {
            var match = System.Text.RegularExpressions.Regex.Match(key, @"^parties\[(\d+)\]\.(\w+)$");
            mapped[match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < posted.Count
                ? $"parties[{posted[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)]}].{match.Groups[2].Value}"
                : key] = message;
        }

        return mapped;
    }

    private static string? DoneNotice(string? done) => done switch
    {
        "registered" => Text(new("纠纷已登记。", "The dispute is registered.")),
        "assign" => Text(new("已指派调解。", "Assigned.")),
        "settle" => Text(new("已结案：调解成功。", "Closed as settled.")),
        "fail" => Text(new("已结案：调解不成。", "Closed as not settled.")),
        "withdraw" => Text(new("已结案：撤回。", "Closed as withdrawn.")),
        "risk" => Text(new("风险等级已调整。", "The risk level is changed.")),
        "follow-up" => Text(new("回访已记录。", "The follow-up visit is recorded.")),
        "note" => Text(new("备注已添加。", "The note is added.")),
        "parties" => Text(new("当事人已更新。", "The parties are updated.")),
        "edit" => Text(new("纠纷信息已更新。", "The details are updated.")),
        _ => null,
    };
}
