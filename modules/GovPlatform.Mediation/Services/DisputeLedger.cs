using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Petitions;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Mediation.Services;

/// <summary>
/// The dispute ledger's commands: register, assign a body and mediators, escalate, change the risk, close with an
/// outcome, follow up. Each runs in one transaction, checks the actor's permission on the dispute's handling unit,
/// appends to the timeline and audits; a closed dispute that came from (or was filed in) the petitions hall reports
/// its outcome there after its own transaction, and the petition's loop goes on.
/// </summary>
public sealed partial class DisputeLedger(
    TenantDbContext db,
    IGridDirectory grid,
    DisputeAccess access,
    MediationAlerts alerts,
    MediationSettingsStore settingsStore,
    IAuditLog audit,
    ITenant tenant,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<DisputeLedger> logger)
{
    /// <summary>The timeline actor of the petitions hall's referrals.</summary>
    public const string PetitionsActor = "room:petitions";

    private static readonly BilingualText StaleMessage = new("这条纠纷刚被他人更新，请刷新后再操作。", "Someone else changed this dispute at the same moment; reload it and try again.");
    private static readonly BilingualText ClosedMessage = new("这条纠纷已经结案。", "This dispute is closed.");

    /// <summary>Finds a dispute by id (untracked).</summary>
    public Task<Dispute?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Set<Dispute>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>The unit that handles a dispute located at <paramref name="unit"/> first: its ancestor at the reporting depth (or itself when shallower).</summary>
    public async Task<string> HandlingUnitAsync(GridUnitInfo unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var depth = (await settingsStore.GetAsync(cancellationToken)).ReportingDepth;
        if (unit.Depth <= depth)
        {
            return unit.Code;
        }

        var ancestors = await grid.GetAncestorsAsync(unit.Code, cancellationToken);
        return ancestors.FirstOrDefault(a => a.Depth == depth)?.Code ?? unit.Code;
    }

    /// <summary>Registers a dispute (a walk-in, a referral, a screening finding); files it in the petitions hall when the rules say so.</summary>
    public async Task<DisputeResult> RegisterAsync(DisputeRegistration registration, DisputeActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(actor);
        if (registration.IdempotencyKey is { Length: > 0 } key)
        {
            if (key.Length > 100)
            {
                return DisputeResult.Invalid("idempotencyKey", new("幂等键不能超过 100 个字符。", "An idempotency key may have at most 100 characters."));
            }

            if (await db.Set<Dispute>().AsNoTracking().FirstOrDefaultAsync(d => d.IdempotencyKey == key, cancellationToken) is { } earlier)
            {
                return new DisputeResult(DisputeResultStatus.Replayed, earlier);
            }
        }

        var errors = ValidateDetails(registration.Title, registration.Description);
        ValidateParties(registration.Parties, errors, required: true);
        var unit = string.IsNullOrWhiteSpace(registration.GridUnitCode) ? null : await grid.FindAsync(registration.GridUnitCode.Trim(), cancellationToken);
        if (unit is null)
        {
            errors["gridUnitCode"] = new("请选择纠纷所在的网格或社区。", "Choose the grid unit where the dispute is.");
        }

        if (!Enum.IsDefined(registration.Type))
        {
            errors["type"] = new("请选择纠纷类型。", "Choose the type of dispute.");
        }

        if (!Enum.IsDefined(registration.Risk))
        {
            errors["risk"] = new("请选择风险等级。", "Choose the risk level.");
        }

        if (errors.Count > 0)
        {
            return DisputeResult.Invalid(errors);
        }

        if (actor.User is { } user && !await access.CanAsync(new Dispute { HandlingUnitCode = unit!.Code }, user, MediationPermissions.Register))
        {
            return DisputeResult.Refused(DisputeResultStatus.Forbidden, new("您不能在这个网格登记纠纷。", "You may not register disputes in this grid unit."));
        }

        var handling = await HandlingUnitAsync(unit!, cancellationToken);
        await grid.GetAncestorsAsync(handling, cancellationToken);   // warm the grid before the write transaction
        var result = await db.InTransactionAsync(async ct =>
        {
            var assignment = await CheckAssignmentAsync(registration.BodyId, registration.MediatorId, [], ct);
            if (assignment is not null)
            {
                return DisputeResult.Invalid(assignment);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var dispute = new Dispute
            {
                Number = NewNumber(now),
                Type = registration.Type,
                Source = registration.Source,
                Risk = registration.Risk,
                Status = registration.MediatorId is null && registration.BodyId is null ? DisputeStatus.Registered : DisputeStatus.Mediating,
                Title = registration.Title.Trim(),
                Description = registration.Description.Trim(),
                GridUnitCode = unit!.Code,
                HandlingUnitCode = handling,
                BodyId = registration.BodyId,
                MediatorId = registration.MediatorId,
                ScreeningReportId = registration.ScreeningReportId,
                RegisteredBy = actor.Name,
                RegisteredUtc = now,
                UpdatedUtc = now,
                IdempotencyKey = string.IsNullOrWhiteSpace(registration.IdempotencyKey) ? null : registration.IdempotencyKey,
                Version = 1,
            };
            db.Add(dispute);
            await db.SaveChangesAsync(ct);
            AddParties(dispute.Id, registration.Parties);
            Append(dispute, 1, "Register", DisputeStatus.Registered, dispute.Status, null, actor, MediationNames.Source(dispute.Source).Chinese);
            if (dispute.Risk == RiskLevel.High)
            {
                await RaiseHighRiskAsync(dispute, ct);
            }

            await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, "register", dispute.Number, $"{dispute.Type} at {dispute.GridUnitCode}, {dispute.Source}"), ct);
            return new DisputeResult(DisputeResultStatus.Done, dispute);
        }, cancellationToken);

        await alerts.NotifyAsync(cancellationToken);
        if (result.Status == DisputeResultStatus.Done && result.Dispute is { } registered)
        {
            await FileInPetitionsHallAsync(registered, registration.Parties, cancellationToken);
            return new DisputeResult(DisputeResultStatus.Done, await FindAsync(registered.Id, cancellationToken));
        }

        return result;
    }

    /// <summary>Corrects the title, type and description (the parties have their own command).</summary>
    public Task<DisputeResult> EditAsync(long id, string title, DisputeType type, string description, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = ValidateDetails(title, description);
        if (!Enum.IsDefined(type))
        {
            errors["type"] = new("请选择纠纷类型。", "Choose the type of dispute.");
        }

        return errors.Count > 0
            ? Task.FromResult(DisputeResult.Invalid(errors))
            : ChangeAsync(id, actor, MediationPermissions.Mediate, expectedVersion, allowClosed: false, async (d, ct) =>
            {
                d.Title = title.Trim();
                d.Type = type;
                d.Description = description.Trim();
                return await Task.FromResult(new Step("Edit", null));
            }, cancellationToken);
    }

    /// <summary>Replaces the parties (needs to see them: the dispute's mediators and superiors).</summary>
    public async Task<DisputeResult> SetPartiesAsync(long id, IReadOnlyList<PartyInput> parties, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var errors = new Dictionary<string, BilingualText>();
        ValidateParties(parties, errors, required: true);
        if (errors.Count > 0)
        {
            return DisputeResult.Invalid(errors);
        }

        if (actor.User is { } user && await FindAsync(id, cancellationToken) is { } current && !await access.CanSeePartiesAsync(current, user, cancellationToken))
        {
            return DisputeResult.Refused(DisputeResultStatus.Forbidden, new("只有本纠纷的调解员及其上级可以查看和修改当事人信息。", "Only the dispute's mediators and their superiors may see and change its parties."));
        }

        return await ChangeAsync(id, actor, MediationPermissions.Mediate, expectedVersion, allowClosed: false, async (d, ct) =>
        {
            await db.Set<DisputeParty>().Where(p => p.DisputeId == d.Id).ExecuteDeleteAsync(ct);
            AddParties(d.Id, parties);
            return new Step("Parties", null);
        }, cancellationToken);
    }

    /// <summary>Gives the dispute to a body and its lead mediator (and co-mediators from any body).</summary>
    public Task<DisputeResult> AssignAsync(long id, long bodyId, long? mediatorId, IReadOnlyList<long> coMediatorIds, string? note, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, actor, MediationPermissions.Mediate, expectedVersion, allowClosed: false, async (d, ct) =>
        {
            if (await CheckAssignmentAsync(bodyId, mediatorId, coMediatorIds, ct) is { } errors)
            {
                return new Step(null, null, errors);
            }

            d.BodyId = bodyId;
            d.MediatorId = mediatorId;
            d.Status = DisputeStatus.Mediating;
            await db.Set<DisputeMediator>().Where(m => m.DisputeId == d.Id).ExecuteDeleteAsync(ct);
            foreach (var co in coMediatorIds.Distinct().Where(c => c != mediatorId))
            {
                db.Add(new DisputeMediator { DisputeId = d.Id, MediatorId = co });
            }

            var body = await db.Set<MediationBody>().AsNoTracking().FirstAsync(b => b.Id == bodyId, ct);
            return new Step("Assign", Join(body.Name, note));
        }, cancellationToken);

    /// <summary>
    /// Sends the dispute one level up (社区 → 街道 → 区) when its level cannot settle it: the level above chooses its
    /// own body and mediator, and gets an alert.
    /// </summary>
    public Task<DisputeResult> EscalateAsync(long id, string note, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(note)
            ? Task.FromResult(DisputeResult.Invalid("note", new("请说明本级为什么无法化解。", "Say why this level cannot settle it.")))
            : ChangeAsync(id, actor, MediationPermissions.Mediate, expectedVersion, allowClosed: false, async (d, ct) =>
            {
                var unit = await grid.FindAsync(d.HandlingUnitCode, ct);
                if (unit?.ParentCode is not { } parent)
                {
                    return new Step(null, null, new Dictionary<string, BilingualText> { [""] = new("已经是最高一级，无法再上报。", "This is the top level; there is no level above.") });
                }

                var from = d.HandlingUnitCode;
                d.HandlingUnitCode = parent;
                d.EscalationCount++;
                d.Status = DisputeStatus.Registered;
                d.BodyId = null;
                d.MediatorId = null;
                await db.Set<DisputeMediator>().Where(m => m.DisputeId == d.Id).ExecuteDeleteAsync(ct);
                await alerts.RaiseAsync(AlertKind.Escalated, from,
                    new($"纠纷 {d.Number}（{d.Title}）由下级上报，请安排调解。", $"Dispute {d.Number} ({d.Title}) was escalated from the level below; arrange its mediation."), d.Id, null, ct);
                return new Step("Escalate", note.Trim(), FromUnit: from);
            }, cancellationToken);

    /// <summary>Changes the risk level; raising it to high alerts the level above at once.</summary>
    public Task<DisputeResult> SetRiskAsync(long id, RiskLevel risk, string? note, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        !Enum.IsDefined(risk)
            ? Task.FromResult(DisputeResult.Invalid("risk", new("请选择风险等级。", "Choose the risk level.")))
            : ChangeAsync(id, actor, MediationPermissions.Mediate, expectedVersion, allowClosed: false, async (d, ct) =>
            {
                if (d.Risk == risk)
                {
                    return new Step(null, null, new Dictionary<string, BilingualText> { ["risk"] = new("风险等级没有变化。", "The risk level is unchanged.") });
                }

                var raised = risk == RiskLevel.High;
                d.Risk = risk;
                if (raised)
                {
                    await RaiseHighRiskAsync(d, ct);
                }

                return new Step("Risk", Join(MediationNames.Risk(risk).Chinese, note));
            }, cancellationToken);

    /// <summary>Closes the dispute: settled with the agreement's terms, failed with where it went, or withdrawn.</summary>
    public async Task<DisputeResult> CloseAsync(long id, DisputeOutcome outcome, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var errors = new Dictionary<string, BilingualText>();
        switch (outcome.Status)
        {
            case DisputeStatus.Settled when string.IsNullOrWhiteSpace(outcome.AgreementTerms):
                errors["agreementTerms"] = new("请填写调解协议的内容。", "Enter the terms of the agreement.");
                break;
            case DisputeStatus.Settled when outcome.AgreementTerms!.Trim().Length > 4000:
                errors["agreementTerms"] = new("协议内容不能超过 4000 个字。", "The terms may have at most 4000 characters.");
                break;
            case DisputeStatus.Failed or DisputeStatus.Withdrawn when string.IsNullOrWhiteSpace(outcome.Note):
                errors["note"] = new("请说明结案情况。", "Say how it ended.");
                break;
            case DisputeStatus.Failed when !Enum.IsDefined(outcome.Referral):
                errors["referral"] = new("请选择去向。", "Choose where it went.");
                break;
            case DisputeStatus.Settled or DisputeStatus.Failed or DisputeStatus.Withdrawn:
                break;
            default:
                errors["status"] = new("请选择结案方式。", "Choose how the dispute ends.");
                break;
        }

        if (outcome.Note is { Length: > 2000 })
        {
            errors["note"] = new("说明不能超过 2000 个字。", "The note may have at most 2000 characters.");
        }

        if (errors.Count > 0)
        {
            return DisputeResult.Invalid(errors);
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        var result = await ChangeAsync(id, actor, MediationPermissions.Mediate, expectedVersion, allowClosed: false, async (d, ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            d.Status = outcome.Status;
            d.AgreementTerms = outcome.Status == DisputeStatus.Settled ? outcome.AgreementTerms!.Trim() : null;
            d.FailedReferral = outcome.Status == DisputeStatus.Failed ? outcome.Referral : FailedReferral.None;
            d.OutcomeNote = string.IsNullOrWhiteSpace(outcome.Note) ? null : outcome.Note.Trim();
            d.ClosedUtc = now;
            d.FollowUpDueUtc = settings.FollowUpDays > 0 && outcome.Status != DisputeStatus.Withdrawn ? now.AddDays(settings.FollowUpDays) : null;
            return await Task.FromResult(new Step(outcome.Status.ToString(), outcome.Status == DisputeStatus.Failed
                ? Join(MediationNames.Referral(outcome.Referral).Chinese, outcome.Note)
                : outcome.Note));
        }, cancellationToken);

        if (result.Status == DisputeResultStatus.Done && result.Dispute is { PetitionId: not null } closed)
        {
            await ReportToPetitionAsync(closed.Id, cancellationToken);
            return new DisputeResult(DisputeResultStatus.Done, await FindAsync(closed.Id, cancellationToken));
        }

        return result;
    }

    /// <summary>Records a follow-up visit after closing (回访).</summary>
    public Task<DisputeResult> FollowUpAsync(long id, bool kept, string note, DisputeActor actor, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(note) || note.Trim().Length > 2000
            ? Task.FromResult(DisputeResult.Invalid("note", new("请填写回访情况（不超过 2000 字）。", "Describe the visit (at most 2000 characters).")))
            : ChangeAsync(id, actor, MediationPermissions.Mediate, null, allowClosed: true, async (d, ct) =>
            {
                if (!d.IsClosed)
                {
                    return new Step(null, null, new Dictionary<string, BilingualText> { [""] = new("结案后才能回访。", "A follow-up visit comes after closing.") });
                }

                db.Add(new FollowUpVisit { DisputeId = d.Id, VisitedUtc = clock.GetUtcNow().UtcDateTime, VisitedBy = actor.Name, Kept = kept, Note = note.Trim() });
                d.FollowUpDueUtc = null;
                return await Task.FromResult(new Step("FollowUp", Join(kept ? "协议履行良好" : "协议未履行", note)));
            }, cancellationToken);

    /// <summary>Adds a note to the timeline.</summary>
    public Task<DisputeResult> AddNoteAsync(long id, string note, DisputeActor actor, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(note) || note.Trim().Length > 2000
            ? Task.FromResult(DisputeResult.Invalid("note", new("请填写备注（不超过 2000 字）。", "Enter a note (at most 2000 characters).")))
            : ChangeAsync(id, actor, MediationPermissions.Mediate, null, allowClosed: true, (d, ct) => Task.FromResult(new Step("Note", note.Trim())), cancellationToken);

    /// <summary>
    /// Appends an event to a dispute's timeline inside the caller's transaction (sessions, screening): the caller has
    /// checked the permission and saves the context. Bumps the dispute's version.
    /// </summary>
    public async Task AppendEventAsync(Dispute tracked, string action, string? note, DisputeActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(actor);
        var sequence = await db.Set<DisputeEvent>().Where(e => e.DisputeId == tracked.Id).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;
        Append(tracked, sequence + 1, action, tracked.Status, tracked.Status, null, actor, note);
        tracked.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        tracked.Version++;
    }

    /// <summary>
    /// Reports closed disputes' outcomes that have not reached the petitions hall yet (the hall was busy or failed):
    /// called by the background job. Returns how many were reported.
    /// </summary>
    public async Task<int> ReportPendingAsync(CancellationToken cancellationToken = default)
    {
        if (services.GetService<IPetitionLoop>() is null)
        {
            return 0;
        }

        var pending = await db.Set<Dispute>().AsNoTracking()
            .Where(d => d.PetitionId != null && d.PetitionReportedUtc == null && d.ClosedUtc != null)
            .OrderBy(d => d.ClosedUtc).Select(d => d.Id).Take(100).ToListAsync(cancellationToken);
        var reported = 0;
        foreach (var id in pending)
        {
            reported += await ReportToPetitionAsync(id, cancellationToken) ? 1 : 0;
        }

        return reported;
    }

    /// <summary>The citizen's reply when a dispute from the petitions hall is settled: no names, no terms.</summary>
    internal static BilingualText PublicReply(DisputeStatus status) => status == DisputeStatus.Settled
        ? new("您反映的纠纷经调解，双方已达成调解协议。", "Your dispute was mediated and the parties reached an agreement.")
        : new("调解申请已撤回。", "The request for mediation was withdrawn.");

    private async Task<bool> ReportToPetitionAsync(long id, CancellationToken cancellationToken)
    {
        var loop = services.GetService<IPetitionLoop>();
        var dispute = await FindAsync(id, cancellationToken);
        if (loop is null || dispute is not { PetitionId: { } petitionId, PetitionReportedUtc: null, IsClosed: true })
        {
            return false;
        }

        var resolved = dispute.Status is DisputeStatus.Settled or DisputeStatus.Withdrawn;
        var note = dispute.Status switch
        {
            DisputeStatus.Settled => $"纠纷 {dispute.Number} 调解成功：{dispute.AgreementTerms}",
            DisputeStatus.Failed => $"纠纷 {dispute.Number} 调解不成（{MediationNames.Referral(dispute.FailedReferral).Chinese}）：{dispute.OutcomeNote}",
            _ => $"纠纷 {dispute.Number} 已撤回：{dispute.OutcomeNote}",
        };
        bool accepted;
        try
        {
            accepted = await loop.ReportRoomOutcomeAsync(petitionId, PetitionRooms.Mediation, resolved, Clip(note, 2000),
                resolved ? PublicReply(dispute.Status).Chinese : null, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or ArgumentException or InvalidOperationException)
        {
            // Left pending: the background job tries again.
            logger.LogWarning(e, "Could not report dispute {Number}'s outcome to petition {PetitionId}.", dispute.Number, petitionId);
            return false;
        }

        await db.InTransactionAsync(async ct =>
        {
            var tracked = await db.Set<Dispute>().FirstAsync(d => d.Id == id, ct);
            tracked.PetitionReportedUtc = clock.GetUtcNow().UtcDateTime;
            await AppendEventAsync(tracked, "ReportToPetition", accepted
                ? $"已向诉求 {tracked.PetitionNumber} 反馈调解结果。"
                : $"诉求 {tracked.PetitionNumber} 已不在调解室，结果未反馈。", DisputeActor.System, ct);
            return true;
        }, cancellationToken);
        return accepted;
    }

    /// <summary>
    /// Files a registered dispute in the petitions hall, already with the mediation room, so the one front desk counts
    /// it and the petition closes with the dispute. Skipped when the hall is off, the rules say no, no duty-list item
    /// is set for the dispute's type, or no party left a phone.
    /// </summary>
    private async Task FileInPetitionsHallAsync(Dispute dispute, IReadOnlyList<PartyInput> parties, CancellationToken cancellationToken)
    {
        var intake = services.GetService<IPetitionIntake>();
        var settings = await settingsStore.GetAsync(cancellationToken);
        var category = settings.PetitionCategories.GetValueOrDefault(dispute.Type.ToString()) ?? settings.DefaultPetitionCategory;
        var applicant = parties.FirstOrDefault(p => p.Role == PartyRole.Applicant && !string.IsNullOrWhiteSpace(p.Phone))
            ?? parties.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Phone));
        if (intake is null || !settings.FileInPetitionsHall || category is null || applicant is null)
        {
            return;
        }

        try
        {
            var receipt = await intake.FileReferralAsync(new PetitionReferralRequest(
                category, Clip($"【{dispute.Title}】{dispute.Description}", 4000), applicant.Phone!.Trim(), applicant.Name.Trim(), dispute.GridUnitCode,
                $"mediation:{dispute.Number}", $"mediation:{dispute.Number}")
            {
                RoomCode = PetitionRooms.Mediation,
                RoomReference = dispute.Number,
            }, cancellationToken);
            await db.InTransactionAsync(async ct =>
            {
                var tracked = await db.Set<Dispute>().FirstAsync(d => d.Id == dispute.Id, ct);
                tracked.PetitionId = receipt.PetitionId;
                tracked.PetitionNumber = receipt.TrackingNumber;
                await AppendEventAsync(tracked, "FileInPetitionsHall", $"已录入诉求大厅，诉求编号 {receipt.TrackingNumber}。", DisputeActor.System, ct);
                return true;
            }, cancellationToken);
        }
        catch (ArgumentException e)
        {
            logger.LogWarning(e, "Dispute {Number} was not filed in the petitions hall.", dispute.Number);
        }
    }

    private async Task<DisputeResult> ChangeAsync(
        long id,
        DisputeActor actor,
        Permission permission,
        int? expectedVersion,
        bool allowClosed,
        Func<Dispute, CancellationToken, Task<Step>> change,
        CancellationToken cancellationToken)
    {
        var current = await FindAsync(id, cancellationToken);
        if (current is null)
        {
            return new DisputeResult(DisputeResultStatus.NotFound);
        }

        if (actor.User is { } user && !await access.CanAsync(current, user, permission))
        {
            return DisputeResult.Refused(DisputeResultStatus.Forbidden, new("您无权处理这条纠纷。", "You may not act on this dispute."), current);
        }

        await grid.GetAncestorsAsync(current.HandlingUnitCode, cancellationToken);   // warm the grid before the write transaction
        try
        {
            var result = await db.InTransactionAsync(async ct =>
            {
                var dispute = await db.Set<Dispute>().FirstOrDefaultAsync(d => d.Id == id, ct);
                if (dispute is null)
                {
                    return new DisputeResult(DisputeResultStatus.NotFound);
                }

                if (expectedVersion is { } expected && expected != dispute.Version)
                {
                    return DisputeResult.Refused(DisputeResultStatus.Stale, StaleMessage, dispute);
                }

                if (dispute.IsClosed && !allowClosed)
                {
                    return DisputeResult.Refused(DisputeResultStatus.NotAllowed, ClosedMessage, dispute);
                }

                var from = dispute.Status;
                var step = await change(dispute, ct);
                if (step.Errors is { Count: > 0 } errors)
                {
                    db.ChangeTracker.Clear();
                    return DisputeResult.Invalid(errors);
                }

                var sequence = await db.Set<DisputeEvent>().Where(e => e.DisputeId == id).MaxAsync(e => (int?)e.Sequence, ct) ?? 0;
                Append(dispute, sequence + 1, step.Action!, from, dispute.Status, step.FromUnit, actor, step.Note);
                dispute.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
                dispute.Version++;
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, step.Action!.ToLowerInvariant(), dispute.Number,
                    from == dispute.Status ? step.Action : $"{from} → {dispute.Status}"), ct);
                return new DisputeResult(DisputeResultStatus.Done, dispute);
            }, cancellationToken);
            await alerts.NotifyAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException)
        {
            // The sequence key or the version token: another change landed first.
            db.ChangeTracker.Clear();
            return DisputeResult.Refused(DisputeResultStatus.Stale, StaleMessage, await FindAsync(id, cancellationToken));
        }
    }

    private void Append(Dispute dispute, int sequence, string action, DisputeStatus from, DisputeStatus to, string? fromUnit, DisputeActor actor, string? note) =>
        db.Add(new DisputeEvent
        {
            DisputeId = dispute.Id,
            Sequence = sequence,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            FromStatus = from,
            ToStatus = to,
            FromUnitCode = fromUnit ?? dispute.HandlingUnitCode,
            UnitCode = dispute.HandlingUnitCode,
            Actor = actor.Name,
            ActorName = actor.DisplayName,
            Note = note is null ? null : Clip(note, 2000),
        });

    private void AddParties(long disputeId, IReadOnlyList<PartyInput> parties)
    {
        foreach (var p in parties)
        {
            db.Add(new DisputeParty
            {
                DisputeId = disputeId,
                Role = p.Role,
                Name = p.Name.Trim(),
                Phone = Blank(p.Phone),
                IdNumber = Blank(p.IdNumber)?.ToUpperInvariant(),
                Address = Blank(p.Address),
                Note = Blank(p.Note),
            });
        }
    }

    private async Task RaiseHighRiskAsync(Dispute dispute, CancellationToken cancellationToken) =>
        await alerts.RaiseAsync(AlertKind.HighRisk, dispute.HandlingUnitCode,
            new($"重大风险纠纷 {dispute.Number}（{dispute.Title}），请立即关注。", $"High-risk dispute {dispute.Number} ({dispute.Title}): attend to it at once."),
            dispute.Id, null, cancellationToken);

    private async Task<Dictionary<string, BilingualText>?> CheckAssignmentAsync(long? bodyId, long? mediatorId, IReadOnlyList<long> coMediatorIds, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>();
        if (mediatorId is not null && bodyId is null)
        {
            errors["bodyId"] = new("请先选择调解组织。", "Choose the mediation body first.");
        }

        if (bodyId is { } b && !await db.Set<MediationBody>().AnyAsync(x => x.Id == b && x.Active, cancellationToken))
        {
            errors["bodyId"] = new("请选择一个在用的调解组织。", "Choose an active mediation body.");
        }

        if (mediatorId is { } m && !await db.Set<Mediator>().AnyAsync(x => x.Id == m && x.BodyId == bodyId && x.Active, cancellationToken))
        {
            errors["mediatorId"] = new("请选择该调解组织的一名在岗调解员。", "Choose an active mediator of that body.");
        }

        var co = coMediatorIds.Distinct().ToArray();
        if (co.Length > 0 && await db.Set<Mediator>().CountAsync(x => co.Contains(x.Id) && x.Active, cancellationToken) != co.Length)
        {
            errors["coMediatorIds"] = new("协助调解员须为在岗调解员。", "Co-mediators must be active mediators.");
        }

        return errors.Count > 0 ? errors : null;
    }

    internal static Dictionary<string, BilingualText> ValidateDetails(string? title, string? description)
    {
        var errors = new Dictionary<string, BilingualText>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length is < 2 or > 100)
        {
            errors["title"] = new("请填写 2 到 100 字的纠纷名称（不要写当事人姓名）。", "Enter a title of 2 to 100 characters (without the parties' names).");
        }

        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length is < 5 or > 4000)
        {
            errors["description"] = new("请填写 5 到 4000 字的纠纷情况。", "Describe the dispute in 5 to 4000 characters.");
        }

        return errors;
    }

    internal static void ValidateParties(IReadOnlyList<PartyInput> parties, Dictionary<string, BilingualText> errors, bool required)
    {
        if (required && parties.Count == 0)
        {
            errors["parties"] = new("请至少登记一名当事人。", "Register at least one party.");
            return;
        }

        if (parties.Count > 20)
        {
            errors["parties"] = new("当事人不能超过 20 人。", "A dispute may have at most 20 parties.");
            return;
        }

        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 50)
            {
                errors[$"parties[{i}].name"] = new("请填写当事人姓名（不超过 50 字）。", "Enter the party's name (at most 50 characters).");
            }

            if (!string.IsNullOrWhiteSpace(p.Phone) && !PhonePattern().IsMatch(p.Phone.Trim()))
            {
                errors[$"parties[{i}].phone"] = new("电话号码格式不正确。", "The phone number is not valid.");
            }

            if (!string.IsNullOrWhiteSpace(p.IdNumber) && !IdNumberPattern().IsMatch(p.IdNumber.Trim()))
            {
                errors[$"parties[{i}].idNumber"] = new("身份证号应为 18 位。", "An identity card number has 18 characters.");
            }

            if (!Enum.IsDefined(p.Role))
            {
                errors[$"parties[{i}].role"] = new("请选择当事人身份。", "Choose the party's role.");
            }

            if (p.Address is { Length: > 200 } || p.Note is { Length: > 500 })
            {
                errors[$"parties[{i}].address"] = new("地址不超过 200 字，备注不超过 500 字。", "The address may have at most 200 characters, the note 500.");
            }
        }
    }

    internal string NewNumber(DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return $"TJ{local:yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Join(string first, string? note) => string.IsNullOrWhiteSpace(note) ? first : $"{first}：{note.Trim()}";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex(@"^(\+?86)?[0-9\-]{7,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdNumberPattern();

    /// <summary>What a change did: the timeline action and note, or why it was refused.</summary>
    private sealed record Step(string? Action, string? Note, IReadOnlyDictionary<string, BilingualText>? Errors = null, string? FromUnit = null);
}
