using GovPlatform.Localization;
using GovPlatform.Points.Models;

namespace GovPlatform.Points.Volunteers;

/// <summary>The registration and profile form as posted, every value a string so that what was typed is shown again.</summary>
public sealed class VolunteerForm
{
    public string? RealName { get; set; }

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public string? GridUnitCode { get; set; }

    public string? Skills { get; set; }

    public bool PublicConsent { get; set; }

    /// <summary>The profile's version when the page was opened (profile edits).</summary>
    public int? Version { get; set; }

    public VolunteerInput ToInput() => new(RealName, IdNumber, Phone, GridUnitCode, Skills, PublicConsent);

    public static VolunteerForm From(Volunteer volunteer) => new()
    {
        RealName = volunteer.RealName,
        Phone = volunteer.Phone,
        GridUnitCode = volunteer.GridUnitCode,
        Skills = volunteer.Skills?.Replace(",", "，", StringComparison.Ordinal),
        PublicConsent = volunteer.PublicConsent,
        Version = volunteer.Version,
    };
}

/// <summary>An approve, refuse, suspend or reinstate button's form.</summary>
public sealed class VolunteerStatusForm
{
    public int? Version { get; set; }

    public string? Reason { get; set; }
}

/// <summary>A manual adjustment: points (signed), reason, and the key the page was opened with (a repeat lands once).</summary>
public sealed class AdjustForm
{
    public string? Amount { get; set; }

    public string? Reason { get; set; }

    public string? Key { get; set; }
}

/// <summary>A reversal of one entry, with its reason and key.</summary>
public sealed class ReverseForm
{
    public long? EntryId { get; set; }

    public string? Reason { get; set; }

    public string? Key { get; set; }
}

/// <summary>A team's form as posted.</summary>
public sealed class TeamForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    public string? GridUnitCode { get; set; }

    public string? Description { get; set; }

    public string? LeaderId { get; set; }

    /// <summary>The team's <see cref="VolunteerTeam.UpdatedUtc"/> ticks when the page was opened.</summary>
    public long? Stamp { get; set; }

    public TeamInput ToInput(out bool badLeader)
    {
        long? leader = null;
        badLeader = false;
        if (!string.IsNullOrWhiteSpace(LeaderId))
        {
            if (long.TryParse(LeaderId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                leader = id;
            }
            else
            {
                badLeader = true;
            }
        }

        return new(Code, Name, EnglishName, GridUnitCode, Description, leader);
    }

    public static TeamForm From(VolunteerTeam team) => new()
    {
        Code = team.Code,
        Name = team.Name,
        EnglishName = team.EnglishName,
        GridUnitCode = team.GridUnitCode,
        Description = team.Description,
        LeaderId = team.LeaderId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Stamp = team.UpdatedUtc.Ticks,
    };
}

/// <summary>Adds a member.</summary>
public sealed class MemberForm
{
    public long? VolunteerId { get; set; }
}

/// <summary>The deactivate/reactivate and remove buttons' form (it binds the antiforgery check).</summary>
public sealed class TeamActiveForm
{
    public bool Active { get; set; }
}

/// <summary>A choice of a select.</summary>
/// <param name="Value">The posted value.</param>
/// <param name="Text">The text shown.</param>
public sealed record VolunteerOption(string Value, string Text);

/// <summary>A row of the volunteers list (the ID number always masked).</summary>
public sealed record VolunteerRow(long Id, string RealName, string UserName, string MaskedIdNumber, string Phone, string Unit, VolunteerStatus Status, long Balance, DateTime RegisteredUtc);

/// <summary>A row of the teams list.</summary>
public sealed record TeamRow(long Id, string Code, string Name, string Unit, int Members, string? Leader, bool Active);

/// <summary>A member of a team as listed.</summary>
public sealed record MemberRow(long VolunteerId, string RealName, string Unit, VolunteerStatus Status, DateTime JoinedUtc);

/// <summary>One of the volunteer's sign-ups, as the volunteer reads it.</summary>
public sealed record MySignUpRow(string Activity, DateTime StartsUtc, SignUpStatus Status);

/// <summary>One of the volunteer's orders, as the volunteer reads it.</summary>
public sealed record MyOrderRow(string Number, string Reward, int Quantity, long Points, OrderStatus Status, string PickUpCode, DateTime PlacedUtc);

/// <summary>The module's names of volunteer states, entry kinds, sign-up and order states.</summary>
public static class VolunteerNames
{
    public static BilingualText Status(VolunteerStatus status) => status switch
    {
        VolunteerStatus.Pending => new("待审核", "Pending"),
        VolunteerStatus.Approved => new("已通过", "Approved"),
        VolunteerStatus.Rejected => new("已退回", "Refused"),
        VolunteerStatus.Suspended => new("已暂停", "Suspended"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Kind(EntryKind kind) => kind switch
    {
        EntryKind.Earn => new("获得", "Earned"),
        EntryKind.Redeem => new("兑换", "Redeemed"),
        EntryKind.Adjust => new("调整", "Adjusted"),
        EntryKind.Expire => new("到期", "Expired"),
        EntryKind.Reverse => new("冲正", "Reversed"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText SignUp(SignUpStatus status) => status switch
    {
        SignUpStatus.SignedUp => new("已报名", "Signed up"),
        SignUpStatus.Cancelled => new("已取消", "Cancelled"),
        SignUpStatus.CheckedIn => new("已签到", "Checked in"),
        SignUpStatus.NoShow => new("未到", "Did not come"),
        SignUpStatus.Awarded => new("已计分", "Points awarded"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Order(OrderStatus status) => status switch
    {
        OrderStatus.Placed => new("待领取", "To pick up"),
        OrderStatus.Fulfilled => new("已领取", "Picked up"),
        OrderStatus.Cancelled => new("已取消", "Cancelled"),
        _ => new(status.ToString(), status.ToString()),
    };
}
