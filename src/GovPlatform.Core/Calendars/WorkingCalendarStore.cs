using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Core.Data;
using GovPlatform.Data;
using GovPlatform.Tenants;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Calendars;

/// <summary>
/// <see cref="IWorkingCalendarStore"/> over the tenant's document <c>working-calendar</c>/<c>default</c>, in the tenant's
/// time zone, with the shell's <see cref="WorkingCalendarCache"/>.
/// </summary>
public sealed class WorkingCalendarStore(
    IDocumentStore documents, TenantDbContext db, IAuditLog audit, ITenant tenant, WorkingCalendarCache cache, ILogger<WorkingCalendarStore> logger) : IWorkingCalendarStore
{
    /// <summary>The id of the tenant's calendar document.</summary>
    public const string DocumentId = "default";

    public async Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.Get() is { } cached)
        {
            return cached;
        }

        var generation = cache.Generation;
        var definition = await LoadAsync(cancellationToken);
        WorkingCalendar calendar;
        try
        {
            calendar = new WorkingCalendar(definition, TimeZone(tenant));
        }
        catch (WorkingCalendarException ex)
        {
            // Saves are validated, so this is a document edited by hand: deadlines keep working on the default.
            logger.LogError(ex, "Tenant {Tenant}: the stored working calendar is not valid; the default calendar is used", tenant.Name);
            calendar = WorkingCalendar.Default(TimeZone(tenant));
        }

        cache.Set(calendar, generation);
        return calendar;
    }

    public async Task<WorkingCalendarDefinition> GetDefinitionAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Clone();

    public async Task SaveAsync(WorkingCalendarDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = definition.Validate();
        if (errors.Count > 0)
        {
            throw new WorkingCalendarException(errors);
        }

        var normalized = definition.Normalized();
        await db.InTransactionAsync(async ct =>
        {
            var before = await documents.GetAsync<WorkingCalendarDefinition>(DocumentId, ct);
            await documents.SaveAsync(DocumentId, normalized, ct);
            await audit.RecordAsync(new AuditEvent("calendar", "update", DocumentId, Summary(normalized),
                before is null ? null : Snapshot(before), Snapshot(normalized)), ct);
            return true;
        }, cancellationToken);
        cache.Invalidate();
    }

    /// <summary>The tenant's time zone; UTC when its id is unknown on this machine (settings are checked when saved, so only a moved host).</summary>
    public static TimeZoneInfo TimeZone(ITenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private async Task<WorkingCalendarDefinition> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await documents.GetAsync<WorkingCalendarDefinition>(DocumentId, cancellationToken) ?? new WorkingCalendarDefinition();
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "Tenant {Tenant}: the stored working calendar cannot be read; the default calendar is used", tenant.Name);
            return new WorkingCalendarDefinition();
        }
    }

    private static string Summary(WorkingCalendarDefinition definition) =>
        $"Working calendar saved / 保存工作日历: {definition.WorkingDays.Count} working days a week, {string.Join(", ", definition.Hours)}, "
        + $"{definition.Holidays.Count} holidays, {definition.MakeUpDays.Count} make-up days";

    private static JsonNode? Snapshot(WorkingCalendarDefinition definition) =>
        JsonSerializer.SerializeToNode(definition, DocumentStore.JsonOptions);
}
