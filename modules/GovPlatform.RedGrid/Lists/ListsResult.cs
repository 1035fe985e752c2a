using GovPlatform.Localization;

namespace GovPlatform.RedGrid.Lists;

/// <summary>How a change to a resident unit, a resource, a need or a project went.</summary>
public enum ListsOutcome
{
    Done,
    Invalid,
    NotFound,

    /// <summary>Someone changed the record since it was opened (or the need was matched already).</summary>
    Stale,

    /// <summary>Outside the user's grid scope.</summary>
    Forbidden,
}

/// <summary>The result of a change: the record's id, or the errors by field (key "" for the whole form).</summary>
public sealed record ListsResult(ListsOutcome Outcome, long? Id, IReadOnlyDictionary<string, BilingualText> Errors)
{
    internal static ListsResult Ok(long id) => new(ListsOutcome.Done, id, new Dictionary<string, BilingualText>());

    internal static ListsResult Missing { get; } = new(ListsOutcome.NotFound, null, new Dictionary<string, BilingualText>());

    internal static ListsResult Invalid(Dictionary<string, BilingualText> errors) => new(ListsOutcome.Invalid, null, errors);

    internal static ListsResult Whole(ListsOutcome outcome, BilingualText message) => new(outcome, null, new Dictionary<string, BilingualText> { [""] = message });
}
