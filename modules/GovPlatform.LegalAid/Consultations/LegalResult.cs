using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Consultations;

/// <summary>How a command on a consultation or an application went.</summary>
public enum LegalStatus
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>No such record (or the user may not see it).</summary>
    NotFound,

    /// <summary>The user may not do this on this record.</summary>
    Forbidden,

    /// <summary>Bad input (see the errors by field).</summary>
    Invalid,

    /// <summary>Not allowed in the record's state.</summary>
    NotAllowed,

    /// <summary>Someone changed the record meanwhile; reload and try again.</summary>
    Stale,
}

// The factories read best on the type they make (LegalResult<Consultation>.Ok(…)).
#pragma warning disable CA1000
/// <summary>The outcome of a command: the record, or why not (errors by form field; <c>""</c> for the whole form).</summary>
public sealed record LegalResult<T>(LegalStatus Status, T? Value = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
    where T : class
{
    public bool Succeeded => Status == LegalStatus.Done;

    public static LegalResult<T> Ok(T value) => new(LegalStatus.Done, value);

    public static LegalResult<T> Refused(LegalStatus status, BilingualText message, string field = "") =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });

    public static LegalResult<T> Invalid(Dictionary<string, BilingualText> errors) => new(LegalStatus.Invalid, Errors: errors);

    internal static readonly BilingualText ForbiddenText = new("您没有对这条记录执行此操作的权限。", "You may not do this on this record.");

    internal static readonly BilingualText StaleText = new("这条记录刚被他人修改，请刷新后再试。", "Someone changed this record meanwhile; reload and try again.");

    internal static readonly BilingualText NotFoundText = new("找不到这条记录。", "No such record.");
}
#pragma warning restore CA1000
