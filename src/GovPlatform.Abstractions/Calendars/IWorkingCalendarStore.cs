namespace GovPlatform.Calendars;

/// <summary>
/// The current tenant's working calendar (scoped; every shell has one). Reads are cached per shell and refreshed when
/// the calendar is saved on this node, or within a minute when it is saved on another.
/// </summary>
public interface IWorkingCalendarStore
{
    /// <summary>The tenant's working calendar in its time zone: its saved definition, or the default one.</summary>
    Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>A copy of the tenant's saved definition, or the default one; changing it changes nothing until it is saved.</summary>
    Task<WorkingCalendarDefinition> GetDefinitionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates, then saves the definition (normalised) and records it in the audit log (category <c>calendar</c>) in one
    /// transaction. Throws <see cref="WorkingCalendarException"/> with the reasons when it is not valid; nothing is saved then.
    /// </summary>
    Task SaveAsync(WorkingCalendarDefinition definition, CancellationToken cancellationToken = default);
}
