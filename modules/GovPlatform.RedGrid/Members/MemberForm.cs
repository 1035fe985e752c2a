namespace GovPlatform.RedGrid.Members;

/// <summary>The member editor's form, as posted: every value as typed, so errors can be shown beside it.</summary>
public sealed class MemberForm
{
    public string? Name { get; set; }

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public string? BirthDate { get; set; }

    public string? JoinedOn { get; set; }

    public string? Kind { get; set; }

    public string? Organisation { get; set; }

    public string? GridUnit { get; set; }

    public string? Employer { get; set; }

    public string? UserName { get; set; }

    /// <summary>The version the editor was opened at.</summary>
    public int Version { get; set; }

    public MemberInput ToInput() => new(Name ?? "", IdNumber, Phone, BirthDate, JoinedOn, Kind ?? "", Organisation, GridUnit ?? "", Employer, UserName);

    public static MemberForm From(MemberInput input, int version)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new()
        {
            Name = input.Name,
            IdNumber = input.IdNumber,
            Phone = input.Phone,
            BirthDate = input.BirthDate,
            JoinedOn = input.JoinedOn,
            Kind = input.Kind,
            Organisation = input.Organisation,
            GridUnit = input.GridUnit,
            Employer = input.Employer,
            UserName = input.UserName,
            Version = version,
        };
    }
}

/// <summary>The transfer-out / end form.</summary>
public sealed class MemberEndForm
{
    public string? Status { get; set; }

    public string? Reason { get; set; }

    public int Version { get; set; }
}

/// <summary>The community-reporting form.</summary>
public sealed class MemberReportForm
{
    public string? Community { get; set; }

    public string? ReportedOn { get; set; }
}

/// <summary>A new service task.</summary>
public sealed class TaskForm
{
    public long MemberId { get; set; }

    public string? Title { get; set; }

    public string? DueOn { get; set; }
}

/// <summary>A task marked done.</summary>
public sealed class TaskDoneForm
{
    public string? Minutes { get; set; }

    public string? Note { get; set; }
}
