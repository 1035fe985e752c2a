using GovPlatform.Security;

namespace GovPlatform.Points.Models;

/// <summary>An activity volunteers sign up for; points are awarded to those checked in when the organiser confirms it.</summary>
public sealed class Activity : IGridScopedResource
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public ActivityType Type { get; set; }

    public ActivityStatus Status { get; set; }

    /// <summary>The unit the activity belongs to: its rules set the points and caps.</summary>
    public string GridUnitCode { get; set; } = "";

    public string? Place { get; set; }

    public string? Description { get; set; }

    public DateTime StartsUtc { get; set; }

    public DateTime EndsUtc { get; set; }

    /// <summary>How many may sign up (0: no limit).</summary>
    public int Capacity { get; set; }

    /// <summary>Points each attendee earns (from the rules in force when created, editable until confirmed).</summary>
    public int Points { get; set; }

    public DateTime SignUpOpensUtc { get; set; }

    public DateTime SignUpClosesUtc { get; set; }

    /// <summary>The code the organiser's phone shows for self check-in (6 digits).</summary>
    public string CheckInCode { get; set; } = "";

    /// <summary>The team organising it, or null.</summary>
    public long? TeamId { get; set; }

    public string Organiser { get; set; } = "";

    public string? CancelReason { get; set; }

    public DateTime? ConfirmedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A volunteer's sign-up for an activity.</summary>
public sealed class SignUp
{
    public long Id { get; set; }

    public long ActivityId { get; set; }

    public long VolunteerId { get; set; }

    public SignUpStatus Status { get; set; }

    public DateTime SignedUpUtc { get; set; }

    public DateTime? CheckedInUtc { get; set; }

    /// <summary>Who checked them in: the organiser's user name, or <c>code</c> for self check-in with the activity's code.</summary>
    public string? CheckedInBy { get; set; }

    /// <summary>The ledger entry of the award, once confirmed.</summary>
    public long? EntryId { get; set; }
}
