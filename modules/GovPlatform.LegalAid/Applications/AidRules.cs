using System.Globalization;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using Stateless;

namespace GovPlatform.LegalAid.Applications;

/// <summary>What the means test found.</summary>
public enum MeansVerdict
{
    /// <summary>Income per person at or under the limit: meets the economic hardship standard.</summary>
    Meets,

    /// <summary>A ground waives the test.</summary>
    Exempt,

    /// <summary>Over the limit and no ground.</summary>
    Fails,
}

/// <summary>The means test of an application (经济困难审查).</summary>
/// <param name="PerPersonFen">The household's monthly income per person, in fen (rounded down).</param>
/// <param name="LimitFen">The standard it is held to.</param>
/// <param name="Verdict">What it found.</param>
/// <param name="Exemptions">The grounds that waive it.</param>
public sealed record MeansTest(long PerPersonFen, long LimitFen, MeansVerdict Verdict, AidExemptions Exemptions)
{
    /// <summary>
    /// Income per person against the limit, compared exactly (income ≤ limit × household, so no rounding decides);
    /// any exemption waives the test whatever the income.
    /// </summary>
    public static MeansTest Evaluate(int householdSize, long monthlyIncomeFen, AidExemptions exemptions, long limitFen)
    {
        var size = Math.Max(1, householdSize);
        var perPerson = Math.Max(0, monthlyIncomeFen) / size;
        var verdict = exemptions != AidExemptions.None
            ? MeansVerdict.Exempt
            : Math.Max(0, monthlyIncomeFen) <= limitFen * size ? MeansVerdict.Meets : MeansVerdict.Fails;
        return new MeansTest(perPerson, limitFen, verdict, exemptions);
    }

    /// <summary>Whether the applicant passes (meets the standard or is exempt).</summary>
    public bool Passes => Verdict != MeansVerdict.Fails;

    /// <summary>The verdict as staff read it.</summary>
    public BilingualText Text => Verdict switch
    {
        MeansVerdict.Meets => new($"符合经济困难标准（人均月收入 {Yuan(PerPersonFen)}，标准 {Yuan(LimitFen)}）",
            $"Meets the economic hardship standard ({Yuan(PerPersonFen)} per person a month; the standard is {Yuan(LimitFen)})"),
        MeansVerdict.Exempt => new($"免于经济困难审查（{string.Join("、", Grounds().Select(g => g.Chinese))}）",
            $"Exempt from the means test ({string.Join(", ", Grounds().Select(g => g.English))})"),
        _ => new($"不符合经济困难标准（人均月收入 {Yuan(PerPersonFen)}，超过标准 {Yuan(LimitFen)}）",
            $"Does not meet the economic hardship standard ({Yuan(PerPersonFen)} per person a month, over the standard of {Yuan(LimitFen)})"),
    };

    private IEnumerable<BilingualText> Grounds() => LegalAidNames.EachExemption.Where(e => Exemptions.HasFlag(e)).Select(LegalAidNames.Exemption);

    private static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}

/// <summary>The steps an application can take.</summary>
public enum AidTrigger
{
    RequestDocuments,
    AddDocument,
    Grant,
    Refuse,
    Assign,
    Progress,
    Close,
    Withdraw,
}

/// <summary>
/// Which step may move an application from which status to which (a Stateless machine, as the petitions hall's loop):
/// submitted → more documents / granted / refused / withdrawn; more documents → submitted (a document added) / refused /
/// withdrawn; granted → assigned / withdrawn; assigned → progress notes, another lawyer, closed / withdrawn. Refused,
/// closed and withdrawn are final.
/// </summary>
public static class AidFlow
{
    public static StateMachine<AidStatus, AidTrigger> Create(AidStatus status)
    {
        var current = status;
        var machine = new StateMachine<AidStatus, AidTrigger>(() => current, s => current = s);
        machine.Configure(AidStatus.Submitted)
            .Permit(AidTrigger.RequestDocuments, AidStatus.MoreDocuments)
            .Permit(AidTrigger.Grant, AidStatus.Granted)
            .Permit(AidTrigger.Refuse, AidStatus.Refused)
            .Permit(AidTrigger.Withdraw, AidStatus.Withdrawn)
            .PermitReentry(AidTrigger.AddDocument);
        machine.Configure(AidStatus.MoreDocuments)
            .Permit(AidTrigger.AddDocument, AidStatus.Submitted)
            .Permit(AidTrigger.Refuse, AidStatus.Refused)
            .Permit(AidTrigger.Withdraw, AidStatus.Withdrawn);
        machine.Configure(AidStatus.Granted)
            .Permit(AidTrigger.Assign, AidStatus.Assigned)
            .Permit(AidTrigger.Withdraw, AidStatus.Withdrawn)
            .PermitReentry(AidTrigger.AddDocument);
        machine.Configure(AidStatus.Assigned)
            .PermitReentry(AidTrigger.Assign)
            .PermitReentry(AidTrigger.Progress)
            .PermitReentry(AidTrigger.AddDocument)
            .Permit(AidTrigger.Close, AidStatus.Closed)
            .Permit(AidTrigger.Withdraw, AidStatus.Withdrawn);
        machine.Configure(AidStatus.Refused);
        machine.Configure(AidStatus.Closed);
        machine.Configure(AidStatus.Withdrawn);
        return machine;
    }

    /// <summary>The status after <paramref name="trigger"/>, or null when the step is not allowed from <paramref name="status"/>.</summary>
    public static AidStatus? Next(AidStatus status, AidTrigger trigger)
    {
        var machine = Create(status);
        if (!machine.CanFire(trigger))
        {
            return null;
        }

        machine.Fire(trigger);
        return machine.State;
    }

    /// <summary>The steps allowed from <paramref name="status"/>.</summary>
    public static IReadOnlySet<AidTrigger> Allowed(AidStatus status)
    {
        var machine = Create(status);
        return Enum.GetValues<AidTrigger>().Where(t => machine.CanFire(t)).ToHashSet();
    }

    /// <summary>The step's name as staff read it.</summary>
    public static BilingualText Name(AidTrigger trigger) => trigger switch
    {
        AidTrigger.RequestDocuments => new("要求补充材料", "ask for more documents"),
        AidTrigger.AddDocument => new("上传材料", "add a document"),
        AidTrigger.Grant => new("决定给予法律援助", "grant legal aid"),
        AidTrigger.Refuse => new("决定不予法律援助", "refuse legal aid"),
        AidTrigger.Assign => new("指派律师", "assign a lawyer"),
        AidTrigger.Progress => new("记录办理进展", "record progress"),
        AidTrigger.Close => new("结案", "close the case"),
        _ => new("撤回申请", "withdraw the application"),
    };

    /// <summary>Why the step is refused in <paramref name="status"/>.</summary>
    public static BilingualText Refusal(AidStatus status, AidTrigger trigger)
    {
        var state = LegalAidNames.AidStatus(status);
        var step = Name(trigger);
        return new($"申请当前为“{state.Chinese}”，不能{step.Chinese}。", $"The application is {state.English.ToLowerInvariant()}: you cannot {step.English} now.");
    }
}
