using GovPlatform.Security;

namespace GovPlatform.LegalAid.Models;

/// <summary>
/// A citizen's appointment with a station or a community's adviser, for one slot. Booked, cancelled and rescheduled
/// only through <see cref="Services.BookingService"/>, which keeps the slot's count of places in step.
/// </summary>
public sealed class Appointment : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The confirmation code the citizen gets (8 letters and digits, no look-alikes), unique in the tenant.</summary>
    public string Code { get; set; } = "";

    public ProviderKind ProviderKind { get; set; }

    /// <summary>The station's id, or the adviser assignment's id.</summary>
    public long ProviderId { get; set; }

    /// <summary>The unit of the station or the adviser's community: staff over it see the appointment.</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>The lawyer, for an appointment with an adviser.</summary>
    public long? LawyerId { get; set; }

    public DateTime StartsUtc { get; set; }

    public DateTime EndsUtc { get; set; }

    public string CitizenName { get; set; } = "";

    /// <summary>The citizen's mobile (normalised digits); with the code, it lets them cancel or reschedule.</summary>
    public string Phone { get; set; } = "";

    /// <summary>The signed-in account that booked, or null.</summary>
    public string? UserName { get; set; }

    public MatterType MatterType { get; set; }

    /// <summary>What the citizen wants to ask (short).</summary>
    public string? Matter { get; set; }

    public AppointmentStatus Status { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>Who cancelled or marked it (a user name, or <c>citizen</c>).</summary>
    public string? ChangedBy { get; set; }

    /// <summary>How many times it was moved to another slot.</summary>
    public int Reschedules { get; set; }

    /// <summary>When the reminder text was claimed for sending (once per appointment and slot).</summary>
    public DateTime? ReminderSentUtc { get; set; }

    /// <summary>The consultation recorded at the visit, or null.</summary>
    public long? ConsultationId { get; set; }

    /// <summary>The key of the request that booked it: a repeated submission returns this appointment.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The count of places taken in one slot of one provider. The row is created on the first booking
/// (<c>INSERT … ON CONFLICT DO NOTHING</c>) and moved only by conditional updates, so two citizens can never take the
/// same last place.
/// </summary>
public sealed class BookedSlot
{
    public long Id { get; set; }

    /// <summary><c>station:12</c>, or <c>lawyer:7</c> for an adviser (a lawyer advising two communities is still one person at a time).</summary>
    public string ProviderKey { get; set; } = "";

    public DateTime StartsUtc { get; set; }

    public int Booked { get; set; }
}
