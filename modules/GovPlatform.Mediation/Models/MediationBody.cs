namespace GovPlatform.Mediation.Models;

/// <summary>A body that mediates (人民调解委员会, 五老调解工作室, 个人调解室, 警评治工作站, 心理咨询室), attached to a grid unit.</summary>
public sealed class MediationBody
{
    public long Id { get; set; }

    /// <summary>The tenant-wide code (<c>wudamen-wulao</c>); recipes and imports match on it.</summary>
    public string Code { get; set; } = "";

    public MediationBodyKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    /// <summary>The grid unit the body serves (a community, a street); its disputes are found there.</summary>
    public string GridUnitCode { get; set; } = "";

    public string? Address { get; set; }

    /// <summary>Opening hours as people read them (<c>周一至周五 9:00–17:00</c>); sessions check <see cref="OpensAt"/>/<see cref="ClosesAt"/>.</summary>
    public string? Hours { get; set; }

    /// <summary>Local time the body opens on working days of the tenant's calendar (null: any time).</summary>
    public TimeOnly? OpensAt { get; set; }

    /// <summary>Local time the body closes on working days.</summary>
    public TimeOnly? ClosesAt { get; set; }

    /// <summary>How many sessions the body can hold on one day (0: no limit).</summary>
    public int Capacity { get; set; }

    public string? Phone { get; set; }

    /// <summary>What the body is about: for a named room, its mediator's story; for a studio, its members.</summary>
    public string? Description { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }
}
