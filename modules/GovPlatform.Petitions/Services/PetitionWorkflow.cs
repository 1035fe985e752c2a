using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// Runs commands on petitions: the loop decides whether the stage allows it, the user's permission on the petition's
/// handling unit decides whether they may, then the command's effect and its event are written in one transaction.
/// A command never edits an earlier event; a concurrent command on the same petition fails as stale.
/// </summary>
internal sealed class PetitionWorkflow(
    TenantDbContext db,
    IAuthorizationService authorization,
    IGridDirectory grid,
    PetitionCatalogCache catalogs,
    PetitionSettingsStore settingsStore,
    PetitionDeadlines deadlines,
    PetitionFiles files,
    IEnumerable<IPetitionRoom> rooms,
    IAuditLog audit,
    PetitionNotifier notifier,
    TimeProvider clock) : IPetitionLoop
{
    private static readonly BilingualText NotFoundText = new("找不到这件诉求。", "There is no such petition.");

    public Task<Petition?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<Petition>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>The facts the loop's guards need about <paramref name="petition"/>.</summary>
    public async Task<PetitionFacts> FactsAsync(Petition petition, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var handling = petition.HandlingUnitCode is { } code ? await grid.FindAsync(code, cancellationToken) : null;
        var openParts = petition.Stage is PetitionStage.Coordinate or PetitionStage.Supervise
            ? await db.Set<PetitionCoHandler>().CountAsync(c => c.PetitionId == petition.Id && c.ReportedUtc == null, cancellationToken)
            : 0;
        var before = PetitionStage.Handle;
        if (petition.Stage == PetitionStage.Supervise)
        {
            before = await db.Set<PetitionEvent>().Where(e => e.PetitionId == petition.Id && e.ToStage == PetitionStage.Supervise && e.FromStage != PetitionStage.Supervise)
                .OrderByDescending(e => e.Sequence).Select(e => e.FromStage).FirstOrDefaultAsync(cancellationToken);
        }

        return new PetitionFacts(
            OnTheSpotAllowed: catalog.Find(petition.CategoryCode)?.OnTheSpot == true,
            PendingTransfer: petition.PendingTransferDepartment is not null,
            HasParentUnit: handling?.ParentCode is not null,
            OpenParts: openParts,
            StageBeforeSupervision: before,
            WithinReopenPeriod: petition.ClosedUtc is { } closed && clock.GetUtcNow().UtcDateTime <= closed.AddDays(settings.ReopenDays),
            HasRoom: petition.Room is { } room && rooms.Any(r => r.Code == room));
    }

    /// <summary>The commands <paramref name="actor"/> may run on <paramref name="petition"/> now: allowed by the loop and by their permissions.</summary>
    public async Task<IReadOnlyList<PetitionTrigger>> AllowedAsync(Petition petition, PetitionActor actor, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(petition, cancellationToken);
        List<PetitionTrigger> allowed = [];
        foreach (var trigger in PetitionLoop.Allowed(petition.Stage, facts))
        {
            if (await MayAsync(actor, trigger, petition))
            {
                allowed.Add(trigger);
            }
        }

        return allowed;
    }

    /// <summary>Runs <paramref name="command"/> on the petition <paramref name="id"/> as <paramref name="actor"/>.</summary>
    public async Task<PetitionCommandResult> ExecuteAsync(long id, PetitionCommand command, PetitionActor actor, CancellationToken cancellationToken)
    {
        // Before the transaction: warm the grid's snapshot and the catalogue (a snapshot load opens a transaction of its
        // own, which SQLite would make wait behind ours), and make a first permission check, which may write the
        // tenant's default grants (the first check after the feature is enabled). Not for a retry (its key names an event
        // already): the first run may have moved the case out of the user's hands, and the retry must get the first
        // run's answer, which RunAsync gives.
        await grid.GetLevelsAsync(cancellationToken);
        await catalogs.GetAsync(db, cancellationToken);
        if (actor.User is not null && await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } before)
        {
            var retry = command.IdempotencyKey is { Length: > 0 } retryKey
                && await db.Set<PetitionEvent>().AsNoTracking().AnyAsync(e => e.IdempotencyKey == retryKey, cancellationToken);
            if (!retry && !await MayAsync(actor, command.Trigger, before))
            {
                return PetitionCommandResult.Refused(PetitionCommandStatus.Forbidden, new("您没有对这件诉求执行此操作的权限。", "You may not do this on this petition."), before);
            }
        }

        List<PetitionAttachment> stored = [];
        try
        {
            // Everything inside: a transient failure runs the whole command again on fresh data.
            var outcome = await db.InTransactionAsync(async ct =>
            {
                files.Discard(stored);
                stored = [];
                var result = await RunAsync(id, command, actor, s => stored = s, ct);
                if (!result.Succeeded)
                {
                    // Nothing of a refused command is saved.
                    db.ChangeTracker.Clear();
                }

                return result;
            }, cancellationToken);

            // The citizen hears of the result once it is saved (a message is not part of the transaction).
            if (outcome.Status == PetitionCommandStatus.Done && outcome.Petition is { Stage: PetitionStage.Feedback } done
                && command.Trigger is PetitionTrigger.Complete or PetitionTrigger.SolveOnTheSpot)
            {
                await notifier.ResultAsync(done, cancellationToken);
            }

            return outcome;
        }
        catch (DbUpdateException)
        {
            files.Discard(stored);
            db.ChangeTracker.Clear();
            return PetitionCommandResult.Refused(PetitionCommandStatus.Stale,
                new("这件诉求刚被他人更新，请刷新后再操作。", "Someone else changed this petition at the same moment; reload it and try again."),
                await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken));
        }
        catch
        {
            files.Discard(stored);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReportRoomOutcomeAsync(long petitionId, string roomCode, bool resolved, string note, string? publicReply, CancellationToken cancellationToken = default)
    {
        var petition = await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null || petition.Room != roomCode || petition.Stage is not (PetitionStage.Assign or PetitionStage.Supervise))
        {
            return false;
        }

        var command = resolved
            ? new PetitionCommand(PetitionTrigger.Complete) { Note = note, PublicReply = publicReply ?? note }
            : new PetitionCommand(PetitionTrigger.Return) { Note = note };
        var result = await ExecuteAsync(petitionId, command, new PetitionActor($"room:{roomCode}", null, null), cancellationToken);
        return result.Succeeded
            ? true
            : result.Status == PetitionCommandStatus.Invalid
                ? throw new ArgumentException(string.Join(" ", (result.Errors ?? new Dictionary<string, BilingualText>()).Values.Select(e => e.English)))
                : false;
    }

    private async Task<PetitionCommandResult> RunAsync(long id, PetitionCommand command, PetitionActor actor, Action<List<PetitionAttachment>> storedFiles, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is { Length: > 0 } key)
        {
            if (key.Length > 100)
            {
                return PetitionCommandResult.Invalid("idempotencyKey", new("幂等键不能超过 100 个字符。", "An idempotency key may have at most 100 characters."));
            }

            var earlier = await db.Set<PetitionEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken);
            if (earlier is not null)
            {
                return earlier.PetitionId == id && earlier.Action == command.Trigger.ToString()
                    ? new PetitionCommandResult(PetitionCommandStatus.Replayed, await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken), earlier)
                    : PetitionCommandResult.Invalid("idempotencyKey", new("这个幂等键已用于另一个操作。", "This idempotency key was used for another command."));
            }
        }

        var petition = await FindAsync(id, cancellationToken);
        if (petition is null)
        {
            return PetitionCommandResult.Refused(PetitionCommandStatus.NotFound, NotFoundText);
        }

        if (command.ExpectedVersion is { } expected && expected != petition.Version)
        {
            return PetitionCommandResult.Refused(PetitionCommandStatus.Stale,
                new("这件诉求已被他人更新，请刷新后再操作。", "Someone else has changed this petition since you opened it; reload it and try again."), petition);
        }

        if (!await MayAsync(actor, command.Trigger, petition))
        {
            return PetitionCommandResult.Refused(PetitionCommandStatus.Forbidden,
                new("您没有对这件诉求执行此操作的权限。", "You may not do this on this petition."), petition);
        }

        var facts = await FactsAsync(petition, cancellationToken);
        if (PetitionLoop.Next(petition.Stage, facts, command.Trigger) is not { } next)
        {
            return PetitionCommandResult.Refused(PetitionCommandStatus.NotAllowed,
                new($"诉求处于“{PetitionNames.Stage(petition.Stage).Chinese}”，不能“{PetitionNames.Trigger(command.Trigger).Chinese}”。",
                    $"The petition is at “{PetitionNames.Stage(petition.Stage).English}”: “{PetitionNames.Trigger(command.Trigger).English}” is not possible now."), petition);
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        if (PetitionFiles.Check(command.Attachments, settings) is { } fileError)
        {
            return PetitionCommandResult.Invalid("attachments", fileError);
        }

        var step = new Step(petition, command, actor, petition.Stage, next, clock.GetUtcNow().UtcDateTime);
        var errors = await ApplyAsync(step, facts, cancellationToken);
        if (errors.Count > 0)
        {
            return new PetitionCommandResult(PetitionCommandStatus.Invalid, petition, Errors: errors);
        }

        return await CommitAsync(step, settings, storedFiles, cancellationToken);
    }

    private async Task<bool> MayAsync(PetitionActor actor, PetitionTrigger trigger, Petition petition)
    {
        if (actor.User is not { } user)
        {
            // The job and the rooms act as the platform; the tracked citizen only through the public pages' own checks.
            return actor.Name != PetitionActor.CitizenName || trigger is PetitionTrigger.Evaluate or PetitionTrigger.Reopen;
        }

        foreach (var permission in PetitionPermissions.For(trigger))
        {
            if (await authorization.HasPermissionAsync(user, permission, petition))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<Dictionary<string, BilingualText>> ApplyAsync(Step step, PetitionFacts facts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>();
        var p = step.Petition;
        var c = step.Command;
        var catalog = await catalogs.GetAsync(db, cancellationToken);

        void Require(string? value, string field, BilingualText message, int max = 2000)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = message;
            }
            else if (value.Trim().Length > max)
            {
                errors[field] = new($"不能超过 {max} 个字符。", $"At most {max} characters.");
            }
        }

        if (c.Note is { Length: > 2000 })
        {
            errors["note"] = new("备注不能超过 2000 个字符。", "A note may have at most 2000 characters.");
        }

        switch (c.Trigger)
        {
            case PetitionTrigger.Confirm:
                p.FirstResponder ??= step.Actor.Name;
                break;

            case PetitionTrigger.Assess:
                var categoryCode = string.IsNullOrWhiteSpace(c.CategoryCode) ? p.CategoryCode : c.CategoryCode.Trim();
                if (catalog.Find(categoryCode) is not { } category || !catalog.IsSelectable(category))
                {
                    errors["categoryCode"] = new("请选择职责清单中的一个事项。", "Choose an item of the duty list.");
                    break;
                }

                var from = step.From == PetitionStage.Reopened ? step.Now : p.ReceivedUtc;
                if (categoryCode != p.CategoryCode || step.From == PetitionStage.Reopened || p.DueUtc is null)
                {
                    p.CategoryCode = categoryCode;
                    p.DueUtc = await deadlines.DueAsync(category, from, cancellationToken);
                    p.WarnAtUtc = p.DueUtc is { } due ? await deadlines.WarnAtAsync(due, (await settingsStore.GetAsync(cancellationToken)).WarnBeforeHours, cancellationToken) : null;
                    if (p.DueUtc > step.Now)
                    {
                        p.WarnedUtc = null;
                        p.OverdueUtc = null;
                    }
                }

                break;

            case PetitionTrigger.SolveOnTheSpot:
            case PetitionTrigger.Complete:
                Require(c.PublicReply, "publicReply", new("请填写告知群众的办理结果。", "Write the result the citizen will read."));
                p.PublicReply = c.PublicReply?.Trim();
                p.CompletedUtc = step.Now;
                p.SupervisingUnitCode = null;
                p.FirstResponder ??= step.Actor.IsStaff ? step.Actor.Name : null;
                break;

            case PetitionTrigger.Reject:
                Require(c.Note, "note", new("请说明不予受理的理由。", "Give the reason for refusing it."), 1000);
                p.RejectReason = c.Note?.Trim();
                p.ClosedUtc = step.Now;
                break;

            case PetitionTrigger.Merge:
                var target = string.IsNullOrWhiteSpace(c.MergeInto) ? null
                    : await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(t => t.TrackingNumber == c.MergeInto.Trim(), cancellationToken);
                if (target is null || target.Id == p.Id || target.Stage is PetitionStage.Merged or PetitionStage.Rejected)
                {
                    errors["mergeInto"] = new("请填写要合并到的另一件诉求的编号（未被合并或驳回）。", "Give the tracking number of another petition (not merged or rejected) to merge into.");
                    break;
                }

                p.MergedIntoId = target.Id;
                p.ClosedUtc = step.Now;
                break;

            case PetitionTrigger.AssignUnit:
                var unit = string.IsNullOrWhiteSpace(c.UnitCode) ? null : await grid.FindAsync(c.UnitCode.Trim(), cancellationToken);
                if (unit is null)
                {
                    errors["unitCode"] = new("请选择一个网格单元。", "Choose a grid unit.");
                    break;
                }

                if (p.HandlingUnitCode is { } current && !await grid.IsWithinAsync(current, unit.Code, cancellationToken))
                {
                    errors["unitCode"] = new("只能交办给本级或下级单元。", "A case can only be assigned to the handling unit or a unit below it.");
                    break;
                }

                p.HandlingUnitCode = unit.Code;
                p.HandlingDepartment = null;
                p.Room = null;
                p.RoomReference = null;
                break;

            case PetitionTrigger.SendToRoom:
                if (string.IsNullOrWhiteSpace(c.Room) || !PetitionSettingsStore.Rooms(await settingsStore.GetAsync(cancellationToken)).Contains(c.Room.Trim()))
                {
                    errors["room"] = new("请选择一个功能室。", "Choose a room.");
                    break;
                }

                p.Room = c.Room.Trim();
                p.HandlingDepartment = null;
                break;

            case PetitionTrigger.RequestTransfer:
                if (catalog.FindDepartment(c.Department?.Trim()) is not { Active: true } department)
                {
                    errors["department"] = new("请选择一个职能部门。", "Choose a department.");
                    break;
                }

                p.PendingTransferDepartment = department.Code;
                break;

            case PetitionTrigger.ApproveTransfer:
                p.HandlingDepartment = p.PendingTransferDepartment;
                p.PendingTransferDepartment = null;
                p.Room = null;
                p.RoomReference = null;
                break;

            case PetitionTrigger.DeclineTransfer:
                Require(c.Note, "note", new("请说明不同意转办的理由。", "Give the reason for declining the transfer."));
                p.PendingTransferDepartment = null;
                break;

            case PetitionTrigger.Return:
                Require(c.Note, "note", new("请说明退回的理由。", "Give the reason for sending it back."));
                var routed = await db.Set<PetitionEvent>().AsNoTracking()
                    .Where(e => e.PetitionId == p.Id && (e.Action == nameof(PetitionTrigger.AssignUnit) || e.Action == nameof(PetitionTrigger.ApproveTransfer) || e.Action == nameof(PetitionTrigger.SendToRoom)))
                    .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
                p.HandlingUnitCode = routed?.FromUnitCode ?? p.HandlingUnitCode;
                p.HandlingDepartment = null;
                p.Room = null;
                p.RoomReference = null;
                break;

            case PetitionTrigger.Escalate:
                Require(c.Note, "note", new("请说明本级无法解决的原因。", "Say why this level cannot solve it."));
                var handling = p.HandlingUnitCode is { } h ? await grid.FindAsync(h, cancellationToken) : null;
                if (handling?.ParentCode is not { } parent)
                {
                    errors[""] = new("没有上一级单元可以上报。", "There is no level above to escalate to.");
                    break;
                }

                p.HandlingUnitCode = parent;
                p.HandlingDepartment = null;
                p.Room = null;
                p.RoomReference = null;
                p.SupervisingUnitCode = null;
                p.EscalationCount++;
                break;

            case PetitionTrigger.CoHandle:
                var codes = c.Departments.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                var lead = c.LeadDepartment?.Trim();
                if (codes.Count < 2 || codes.Any(d => catalog.FindDepartment(d) is not { Active: true }))
                {
                    errors["departments"] = new("请选择至少两个职能部门协同办理。", "Choose at least two departments to handle it together.");
                    break;
                }

                if (lead is null || !codes.Contains(lead))
                {
                    errors["leadDepartment"] = new("请从协办部门中选定牵头部门。", "Choose the lead among the departments.");
                    break;
                }

                foreach (var code in codes)
                {
                    db.Add(new PetitionCoHandler { PetitionId = p.Id, Department = code, IsLead = code == lead, AddedUtc = step.Now });
                }

                p.HandlingDepartment = lead;
                break;

            case PetitionTrigger.ReportPart:
                Require(c.Note, "note", new("请填写本部门的办理情况。", "Write what the department did."));
                var part = await db.Set<PetitionCoHandler>().FirstOrDefaultAsync(
                    x => x.PetitionId == p.Id && x.Department == (c.Department ?? "") && x.ReportedUtc == null, cancellationToken);
                if (part is null)
                {
                    errors["department"] = new("请选择一个尚未反馈的协办部门。", "Choose a co-handling department that has not reported yet.");
                    break;
                }

                part.ReportedUtc = step.Now;
                part.Report = c.Note!.Trim();
                part.ReportedBy = step.Actor.Name;
                break;

            case PetitionTrigger.Supervise:
                Require(c.Note, "note", new("请填写督办意见。", "Write the supervision's instruction."));
                var supervised = p.HandlingUnitCode is { } s ? await grid.FindAsync(s, cancellationToken) : null;
                p.SupervisingUnitCode = supervised?.ParentCode ?? p.HandlingUnitCode;
                break;

            case PetitionTrigger.RespondSupervision:
                Require(c.Note, "note", new("请填写对督办的答复。", "Write the answer to the supervision."));
                p.SupervisingUnitCode = null;
                break;

            case PetitionTrigger.Evaluate:
                if (step.Actor.Name != PetitionActor.SystemName && c.Satisfaction is not (>= 1 and <= 5))
                {
                    errors["satisfaction"] = new("请选择 1 到 5 星的满意度。", "Choose a satisfaction of 1 to 5 stars.");
                    break;
                }

                p.Satisfaction = c.Satisfaction;
                p.Resolved = c.Resolved;
                p.CitizenComment = string.IsNullOrWhiteSpace(c.Note) || step.Actor.IsStaff ? p.CitizenComment : c.Note.Trim();
                p.ClosedUtc = step.Now;
                break;

            case PetitionTrigger.Reopen:
                Require(c.Note, "note", new("请说明需要重新办理的原因。", "Say why it should be handled again."), 1000);
                p.ReopenCount++;
                p.ClosedUtc = null;
                p.CompletedUtc = null;
                p.Satisfaction = null;
                p.Resolved = null;
                p.WarnedUtc = null;
                p.OverdueUtc = null;
                break;

            case PetitionTrigger.AddNote:
                Require(c.Note, "note", new("请填写备注。", "Write the note."));
                break;

            case PetitionTrigger.Accept:
                break;
        }

        if (step.To == PetitionStage.Supervise && c.Trigger != PetitionTrigger.Supervise)
        {
            p.SupervisingUnitCode ??= p.HandlingUnitCode;
        }

        return errors;
    }

    private async Task<PetitionCommandResult> CommitAsync(Step step, PetitionSettings settings, Action<List<PetitionAttachment>> storedFiles, CancellationToken cancellationToken)
    {
        var p = step.Petition;
        var c = step.Command;
        var sequence = await db.Set<PetitionEvent>().Where(e => e.PetitionId == p.Id).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;
        var fromUnit = (string?)db.Entry(p).Property(nameof(Petition.HandlingUnitCode)).OriginalValue;
        p.Stage = step.To;
        p.UpdatedUtc = step.Now;
        p.Version++;
        if (step.To is PetitionStage.Evaluate or PetitionStage.Rejected or PetitionStage.Merged)
        {
            p.ClosedUtc ??= step.Now;
        }

        var entry = new PetitionEvent
        {
            PetitionId = p.Id,
            Sequence = sequence + 1,
            AtUtc = step.Now,
            Action = c.Trigger.ToString(),
            FromStage = step.From,
            ToStage = step.To,
            Actor = step.Actor.Name,
            ActorName = step.Actor.DisplayName,
            FromUnitCode = fromUnit,
            UnitCode = p.HandlingUnitCode,
            Department = c.Trigger switch
            {
                PetitionTrigger.RequestTransfer => p.PendingTransferDepartment,
                PetitionTrigger.ReportPart => c.Department,
                _ => p.HandlingDepartment,
            },
            Room = p.Room,
            Note = Trim(c.Note),
            PublicNote = PublicNoteOf(step),
            IdempotencyKey = string.IsNullOrWhiteSpace(c.IdempotencyKey) ? null : c.IdempotencyKey,
        };
        db.Add(entry);
        if (c.Trigger == PetitionTrigger.SendToRoom && c.RoomReference is { Length: > 0 } reference)
        {
            p.RoomReference = reference.Length <= 100 ? reference : reference[..100];
        }
        else if (c.Trigger == PetitionTrigger.SendToRoom && rooms.FirstOrDefault(r => r.Code == p.Room) is { } room)
        {
            p.RoomReference = await room.AcceptAsync(new PetitionReferral(
                p.Id, p.TrackingNumber, p.CategoryCode, p.Description, p.GridUnitCode, p.ContactName, p.ContactPhone, Trim(c.Note), step.Actor.Name), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (c.Trigger == PetitionTrigger.Complete && p.EscalationCount > 0)
        {
            await ReportBackAsync(p, entry, cancellationToken);
        }

        if (c.Attachments.Count > 0)
        {
            var stored = await files.StoreAsync(p.Id, c.Attachments, settings, step.Actor.Name, cancellationToken);
            storedFiles(stored);
            foreach (var attachment in stored)
            {
                attachment.EventId = entry.Id;
                db.Add(attachment);
            }
        }

        await audit.RecordAsync(new AuditEvent("petitions", c.Trigger.ToString(), p.TrackingNumber,
            $"{PetitionNames.Stage(step.From).English} → {PetitionNames.Stage(step.To).English}"), cancellationToken);
        return new PetitionCommandResult(PetitionCommandStatus.Done, p, entry);
    }

    /// <summary>After an escalated case is completed, the result goes back down to every unit it passed on its way up.</summary>
    private async Task ReportBackAsync(Petition petition, PetitionEvent completed, CancellationToken cancellationToken)
    {
        var lower = await db.Set<PetitionEvent>().AsNoTracking()
            .Where(e => e.PetitionId == petition.Id && e.Action == nameof(PetitionTrigger.Escalate) && e.FromUnitCode != null)
            .OrderBy(e => e.Sequence).Select(e => e.FromUnitCode!).ToListAsync(cancellationToken);
        var sequence = completed.Sequence;
        foreach (var unit in lower.Distinct(StringComparer.Ordinal).Reverse())
        {
            db.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                Sequence = ++sequence,
                AtUtc = completed.AtUtc,
                Action = PetitionNames.ReportBackAction,
                FromStage = PetitionStage.Feedback,
                ToStage = PetitionStage.Feedback,
                Actor = completed.Actor,
                ActorName = completed.ActorName,
                FromUnitCode = petition.HandlingUnitCode,
                UnitCode = unit,
                Note = petition.PublicReply,
            });
        }
    }

    private static string? PublicNoteOf(Step step) => step.Command.Trigger switch
    {
        PetitionTrigger.SolveOnTheSpot or PetitionTrigger.Complete => step.Petition.PublicReply,
        PetitionTrigger.Reject => step.Petition.RejectReason,
        _ => null,
    };

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record Step(Petition Petition, PetitionCommand Command, PetitionActor Actor, PetitionStage From, PetitionStage To, DateTime Now);
}
