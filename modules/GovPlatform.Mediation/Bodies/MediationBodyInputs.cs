using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Bodies;

/// <summary>
/// A body as an admin or a recipe gives it. Times and the capacity are text, as typed, so that a bad value is
/// reported beside its field instead of being lost.
/// </summary>
/// <param name="Code">The tenant-wide code (<c>wudamen-wulao</c>).</param>
/// <param name="Kind">What kind of body it is.</param>
/// <param name="Name">The name in Chinese and English.</param>
/// <param name="GridUnitCode">The grid unit it serves.</param>
/// <param name="Address">Where it is.</param>
/// <param name="Hours">Opening hours as people read them.</param>
/// <param name="Opens">Local opening time, <c>HH:mm</c>, or empty for any time.</param>
/// <param name="Closes">Local closing time, <c>HH:mm</c>, or empty.</param>
/// <param name="Capacity">Sessions a day, 0–100 (0: no limit); empty is 0.</param>
/// <param name="Phone">Its phone.</param>
/// <param name="Description">What it is about, at most 2,000 characters.</param>
/// <param name="Active">Whether it takes disputes.</param>
public sealed record MediationBodyInput(
    string Code,
    MediationBodyKind Kind,
    BilingualText Name,
    string GridUnitCode,
    string? Address,
    string? Hours,
    string? Opens,
    string? Closes,
    string? Capacity,
    string? Phone,
    string? Description,
    bool Active = true);

/// <summary>A mediator as an admin or a recipe gives them.</summary>
/// <param name="Name">The name.</param>
/// <param name="Role">The role in the body.</param>
/// <param name="Background">Which of the 五老 (required for <see cref="MediatorRole.Elder"/>).</param>
/// <param name="Profile">Free text on their background.</param>
/// <param name="Phone">Their phone.</param>
/// <param name="UserName">Their tenant account, which must exist, or empty.</param>
/// <param name="Active">Whether they take disputes.</param>
public sealed record MediatorInput(
    string Name,
    MediatorRole Role,
    ElderBackground Background,
    string? Profile,
    string? Phone,
    string? UserName,
    bool Active = true);

/// <summary>What an edit did: errors by field (nothing saved), or the body as saved.</summary>
/// <param name="Errors">Why nothing was saved, by field; empty on success.</param>
/// <param name="Body">The body as saved, or null on failure.</param>
public sealed record BodyEditResult(IReadOnlyDictionary<string, BilingualText> Errors, MediationBody? Body)
{
    /// <summary>Whether the edit was saved.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>What removing a body did.</summary>
public enum BodyRemoval
{
    /// <summary>No such body.</summary>
    NotFound = 0,

    /// <summary>Nothing named it: it and its mediators are gone.</summary>
    Deleted = 1,

    /// <summary>A dispute or a session names it or one of its mediators: it was deactivated and is kept for the ledger.</summary>
    Deactivated = 2,
}

/// <summary>What a recipe's import of bodies did.</summary>
/// <param name="Errors">Why nothing was saved (each message names the body); empty on success.</param>
/// <param name="Added">Bodies added.</param>
/// <param name="Unchanged">Bodies whose code already existed (left as they are).</param>
public sealed record BodyImportResult(IReadOnlyList<string> Errors, int Added, int Unchanged);
