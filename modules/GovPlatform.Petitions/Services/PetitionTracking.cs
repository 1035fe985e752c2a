using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>What a citizen sees of a petition: stage, category, units (never people), public replies.</summary>
internal sealed record PublicPetitionView(
    string TrackingNumber,
    PetitionStage Stage,
    BilingualText StageName,
    string CategoryName,
    string Title,
    string Description,
    DateTime ReceivedUtc,
    DateTime? DueUtc,
    DateTime? CompletedUtc,
    DateTime? ClosedUtc,
    string? HandlingUnitName,
    string? PublicReply,
    string? RejectReason,
    string? MergedIntoTrackingNumber,
    int? Satisfaction,
    bool CanRate,
    bool CanReopen,
    IReadOnlyList<PublicPetitionStep> Steps);

/// <summary>One step of the public timeline: what happened, when, at which unit, and the public note if any.</summary>
internal sealed record PublicPetitionStep(DateTime AtUtc, BilingualText Action, BilingualText Stage, string? UnitName, string? PublicNote);

/// <summary>
/// The citizen's side: a petition is found by its tracking number and the phone given with it (both must match), and
/// shown without internal notes, staff names or the rooms' and departments' internal references. The citizen rates
/// it in feedback and may ask to reopen it within the period.
/// </summary>
internal sealed class PetitionTracking(TenantDbContext db, IGridDirectory grid, PetitionCatalogCache catalogs, PetitionWorkflow workflow, PetitionSettingsStore settingsStore)
{
    /// <summary>Events a citizen sees; the rest (notes, supervision, internal routing details) stay inside.</summary>
    private static readonly HashSet<string> PublicActions = new(StringComparer.Ordinal)
    {
        PetitionNames.SubmitAction,
        nameof(PetitionTrigger.Confirm), nameof(PetitionTrigger.Assess), nameof(PetitionTrigger.SolveOnTheSpot),
        nameof(PetitionTrigger.Reject), nameof(PetitionTrigger.Merge), nameof(PetitionTrigger.AssignUnit),
        nameof(PetitionTrigger.SendToRoom), nameof(PetitionTrigger.ApproveTransfer), nameof(PetitionTrigger.Accept),
        nameof(PetitionTrigger.Escalate), nameof(PetitionTrigger.CoHandle), nameof(PetitionTrigger.Complete),
        nameof(PetitionTrigger.Evaluate), nameof(PetitionTrigger.Reopen),
    };

    /// <summary>The petition with this number and phone, or null (the same answer whether the number or the phone is wrong).</summary>
    public async Task<Petition?> FindAsync(string? trackingNumber, string? phone, CancellationToken cancellationToken)
    {
        var number = trackingNumber?.Trim() ?? "";
        var digits = PetitionPhones.Normalize(phone);
        if (number.Length is < 6 or > 20 || digits.Length is < 7 or > 20)
        {
            return null;
        }

        return await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.TrackingNumber == number && p.ContactPhone == digits, cancellationToken);
    }

    public async Task<PublicPetitionView> ViewAsync(Petition petition, CultureInfo culture, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var events = await db.Set<PetitionEvent>().AsNoTracking().Where(e => e.PetitionId == petition.Id)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        List<PublicPetitionStep> steps = [];
        foreach (var e in events.Where(e => PublicActions.Contains(e.Action)))
        {
            steps.Add(new PublicPetitionStep(e.AtUtc, PetitionNames.Action(e.Action), PetitionNames.Stage(e.ToStage),
                await UnitNameAsync(e.UnitCode, culture, cancellationToken), e.PublicNote));
        }

        var facts = await workflow.FactsAsync(petition, cancellationToken);
        var merged = petition.MergedIntoId is { } target
            ? await db.Set<Petition>().AsNoTracking().Where(p => p.Id == target).Select(p => p.TrackingNumber).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new PublicPetitionView(
            petition.TrackingNumber,
            petition.Stage,
            PetitionNames.Stage(petition.Stage),
            catalog.NameOf(petition.CategoryCode, culture),
            petition.Title,
            petition.Description,
            petition.ReceivedUtc,
            petition.DueUtc,
            petition.CompletedUtc,
            petition.ClosedUtc,
            await UnitNameAsync(petition.HandlingUnitCode, culture, cancellationToken),
            petition.PublicReply,
            petition.RejectReason,
            merged,
            petition.Satisfaction,
            CanRate: petition.Stage == PetitionStage.Feedback,
            CanReopen: PetitionLoop.Next(petition.Stage, facts, PetitionTrigger.Reopen) is not null,
            steps);
    }

    /// <summary>The citizen rates a petition in feedback (1–5 stars, resolved or not, a comment).</summary>
    public Task<PetitionCommandResult> RateAsync(Petition petition, int? satisfaction, bool? resolved, string? comment, CancellationToken cancellationToken) =>
        workflow.ExecuteAsync(petition.Id, new PetitionCommand(PetitionTrigger.Evaluate)
        {
            Satisfaction = satisfaction,
            Resolved = resolved,
            Note = comment is { Length: > 1000 } ? comment[..1000] : comment,
        }, PetitionActor.Citizen, cancellationToken);

    /// <summary>The citizen asks to reopen an evaluated petition within the period, saying why.</summary>
    public Task<PetitionCommandResult> ReopenAsync(Petition petition, string? reason, CancellationToken cancellationToken) =>
        workflow.ExecuteAsync(petition.Id, new PetitionCommand(PetitionTrigger.Reopen) { Note = reason }, PetitionActor.Citizen, cancellationToken);

    /// <summary>The tenant's reopening period in days, for the page's text.</summary>
    public async Task<int> ReopenDaysAsync(CancellationToken cancellationToken) => (await settingsStore.GetAsync(cancellationToken)).ReopenDays;

    private async Task<string?> UnitNameAsync(string? code, CultureInfo culture, CancellationToken cancellationToken) =>
        code is null ? null : (await grid.FindAsync(code, cancellationToken))?.DisplayName(culture) ?? code;
}
