using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Lists;

/// <summary>A need as typed into the form.</summary>
public sealed record NeedInput(string GridUnit, string Type, string Title, string? Description);

/// <summary>
/// Communities' needs (需求清单): published for a community or a grid (a unit at or below <see cref="RedGridSettings.CommunityDepth"/>)
/// in the publisher's scope, and withdrawn while still open. Audited (category <c>redgrid</c>).
/// </summary>
public sealed class NeedBoard(TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, RedGridSettingsStore settings, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The message when the need changed since the page was opened.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这条需求刚被他人处理（已对接或已关闭），请刷新页面。", "Someone else dealt with this need since you opened it (matched or closed); reload the page.");

    /// <summary>Publishes a need.</summary>
    public async Task<ListsResult> PublishAsync(NeedInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var type = ListsInput.Enum<ResourceType>(errors, "type", input.Type, new("请选择需求类型。", "Choose the type of need."));
        FieldChecks.Text(errors, "title", input.Title, 100, required: true);
        FieldChecks.Text(errors, "description", input.Description, 2000);
        var code = (input.GridUnit ?? "").Trim();
        var depth = (await settings.GetAsync(cancellationToken)).CommunityDepth;
        var unit = code.Length == 0 ? null : await grid.FindAsync(code, cancellationToken);
        if (code.Length == 0)
        {
            errors["gridUnit"] = ListsInput.Required;
        }
        else if (unit is null)
        {
            errors["gridUnit"] = new($"本区网格中没有单位“{code}”。", $"The district's grid has no unit '{code}'.");
        }
        else if (unit.Depth < depth)
        {
            errors["gridUnit"] = new("需求由社区或网格发布，请选择社区或网格。", "A community or a grid publishes a need; choose a community or a grid.");
        }
        else if (user is not null && await scope.GetScopeCodesAsync(user, cancellationToken) is { } codes && !codes.Contains(unit.Code))
        {
            errors["gridUnit"] = ListsInput.OutOfScope;
        }

        if (errors.Count > 0)
        {
            return ListsResult.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var need = new CommunityNeed
        {
            GridUnitCode = unit!.Code,
            Type = type!.Value,
            Title = input.Title.Trim(),
            Description = FieldChecks.Blank(input.Description),
            Status = NeedStatus.Open,
            PublishedBy = ListsInput.Actor(user),
            PublishedUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        db.Add(need);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(ResidentUnitEditor.AuditCategory, "need-publish", $"need:{need.Id}", $"{need.Title} ({need.GridUnitCode}) by {need.PublishedBy}"), cancellationToken);
        return ListsResult.Ok(need.Id);
    }

    /// <summary>Withdraws (closes) an open need opened at <paramref name="version"/>; a matched need is closed by its project.</summary>
    public async Task<ListsResult> WithdrawAsync(long id, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var need = await db.Set<CommunityNeed>().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (need is null)
        {
            return ListsResult.Missing;
        }

        if (need.Version != version || need.Status != NeedStatus.Open)
        {
            return ListsResult.Whole(ListsOutcome.Stale, StaleMessage);
        }

        need.Status = NeedStatus.Closed;
        need.Version = version + 1;
        need.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ListsResult.Whole(ListsOutcome.Stale, StaleMessage);
        }

        await audit.RecordAsync(new AuditEvent(ResidentUnitEditor.AuditCategory, "need-withdraw", $"need:{need.Id}", $"{need.Title} by {ListsInput.Actor(user)}"), cancellationToken);
        return ListsResult.Ok(need.Id);
    }
}
