using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// The front desk (前台一口受理): every channel makes the same <see cref="Petition"/>. Checks the submission, finds the
/// grid unit from the location, picks the unit that takes the case, sets the due time from the category, flags a likely
/// duplicate, and writes the petition with its first event. A repeated request with the same idempotency key returns
/// the first petition and changes nothing.
/// </summary>
internal sealed partial class PetitionIntakeService(
    TenantDbContext db,
    IGridDirectory grid,
    PetitionCatalogCache catalogs,
    PetitionSettingsStore settingsStore,
    PetitionDeadlines deadlines,
    PetitionFiles files,
    IAuditLog audit,
    ITenant tenant,
    TimeProvider clock,
    IServiceProvider services) : IPetitionIntake
{
    public async Task<PetitionIntakeResult> SubmitAsync(PetitionSubmission submission, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrWhiteSpace(submission.IdempotencyKey) ? null : submission.IdempotencyKey.Trim();
        if (key is { Length: > 100 })
        {
            return Fail("idempotencyKey", new("幂等键不能超过 100 个字符。", "An idempotency key may have at most 100 characters."));
        }

        if (key is not null && await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken) is { } earlier)
        {
            return new PetitionIntakeResult(earlier, true, new Dictionary<string, BilingualText>());
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var errors = new Dictionary<string, BilingualText>();
        var channel = submission.Channel;

        var category = catalog.Find(submission.CategoryCode?.Trim());
        if (category is null || !catalog.IsSelectable(category))
        {
            errors["categoryCode"] = new("请选择诉求类别。", "Choose a category.");
        }

        var description = submission.Description?.Trim() ?? "";
        if (description.Length < 5)
        {
            errors["description"] = new("请描述诉求内容（至少 5 个字）。", "Describe the matter (at least 5 characters).");
        }
        else if (description.Length > 4000)
        {
            errors["description"] = new("诉求内容不能超过 4000 个字。", "The description may have at most 4000 characters.");
        }

        var title = submission.Title?.Trim();
        if (title is { Length: > 100 })
        {
            errors["title"] = new("标题不能超过 100 个字。", "The title may have at most 100 characters.");
        }

        var phone = PetitionPhones.Normalize(submission.ContactPhone);
        if (!PetitionPhones.IsValid(phone))
        {
            errors["contactPhone"] = new("请填写有效的手机号（11 位）或固定电话（区号-号码）。", "Enter a valid mobile number (11 digits) or landline (area code-number).");
        }

        var name = submission.ContactName?.Trim();
        if (channel == PetitionChannel.Reception && string.IsNullOrEmpty(name))
        {
            errors["contactName"] = new("请填写来访人姓名。", "Enter the visitor's name.");
        }
        else if (name is { Length: > 50 })
        {
            errors["contactName"] = new("姓名不能超过 50 个字。", "The name may have at most 50 characters.");
        }

        Limit(errors, "peopleInvolved", submission.PeopleInvolved, 500);
        Limit(errors, "onTheSpotHandling", submission.OnTheSpotHandling, 2000);
        Limit(errors, "receptionOpinion", submission.ReceptionOpinion, 2000);
        Limit(errors, "address", submission.Address, 200);

        // Where: a chosen unit wins; else the unit that contains the point.
        GridUnitInfo? unit = null;
        var hasPoint = submission.Longitude is not null || submission.Latitude is not null;
        if (hasPoint && (submission.Longitude is not (>= -180 and <= 180) || submission.Latitude is not (>= -90 and <= 90)))
        {
            errors["location"] = new("位置坐标无效。", "The location's coordinates are not valid.");
        }
        else if (!string.IsNullOrWhiteSpace(submission.GridUnitCode))
        {
            unit = await grid.FindAsync(submission.GridUnitCode.Trim(), cancellationToken);
            if (unit is null)
            {
                errors["gridUnitCode"] = new("没有这个网格。", "There is no such grid unit.");
            }
        }
        else if (hasPoint)
        {
            unit = await grid.LocateAsync(submission.Longitude!.Value, submission.Latitude!.Value, cancellationToken);
            if (unit is null && channel is PetitionChannel.Online or PetitionChannel.Field)
            {
                errors["location"] = new("这个位置不在本区的网格内，请在地图上重新选择或选择网格。", "This point is outside the district's grid; pick another point or choose a grid.");
            }
        }
        else if (channel is PetitionChannel.Online or PetitionChannel.Reception)
        {
            errors["location"] = new("请选择诉求所在的网格，或在地图上标出位置。", "Choose the grid where the matter is, or mark it on the map.");
        }

        if (channel == PetitionChannel.Field && !hasPoint)
        {
            errors["location"] = new("现场上报需要设备定位。", "A field report needs the device's location.");
        }

        if (PetitionFiles.Check(submission.Attachments, settings) is { } fileError)
        {
            errors["attachments"] = fileError;
        }

        if (errors.Count > 0)
        {
            return new PetitionIntakeResult(null, false, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actorName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? PetitionActor.CitizenName : PetitionActor.CitizenName;
        var staff = channel is PetitionChannel.Reception or PetitionChannel.Field;
        var petition = new Petition
        {
            TrackingNumber = await NewTrackingNumberAsync(now, cancellationToken),
            Channel = channel,
            Stage = PetitionStage.Collect,
            CategoryCode = category!.Code,
            Title = string.IsNullOrEmpty(title) ? TitleOf(description) : title,
            Description = description,
            GridUnitCode = unit?.Code,
            Longitude = submission.Longitude,
            Latitude = submission.Latitude,
            Address = Clean(submission.Address),
            ContactName = name is { Length: > 0 } ? name : null,
            ContactPhone = phone,
            CitizenUserId = !staff && user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            PeopleInvolved = Clean(submission.PeopleInvolved),
            OnTheSpotHandling = Clean(submission.OnTheSpotHandling),
            ReceptionOpinion = Clean(submission.ReceptionOpinion),
            FirstResponder = channel == PetitionChannel.Reception ? actorName : null,
            HandlingUnitCode = await IntakeUnitAsync(channel, unit, user, settings, cancellationToken),
            ReceivedUtc = now,
            UpdatedUtc = now,
            IdempotencyKey = key,
            Version = 1,
        };
        petition.DueUtc = await deadlines.DueAsync(category, now, cancellationToken);
        petition.WarnAtUtc = petition.DueUtc is { } due ? await deadlines.WarnAtAsync(due, settings.WarnBeforeHours, cancellationToken) : null;
        petition.PossibleDuplicateOfId = await FindDuplicateAsync(petition, settings, cancellationToken);

        List<PetitionAttachment> stored = [];
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                // A retry after a transient error starts again from a new row and new files.
                files.Discard(stored);
                stored = [];
                petition.Id = 0;
                db.Add(petition);
                await db.SaveChangesAsync(ct);
                var submitted = new PetitionEvent
                {
                    PetitionId = petition.Id,
                    Sequence = 1,
                    AtUtc = now,
                    Action = PetitionNames.SubmitAction,
                    FromStage = PetitionStage.Collect,
                    ToStage = PetitionStage.Collect,
                    Actor = actorName,
                    ActorName = staff ? user?.FindFirstValue("gp:display_name") : null,
                    UnitCode = petition.HandlingUnitCode,
                    Note = submission.Source,
                };
                db.Add(submitted);
                await db.SaveChangesAsync(ct);
                stored = await files.StoreAsync(petition.Id, submission.Attachments, settings, actorName, ct);
                foreach (var attachment in stored)
                {
                    attachment.EventId = submitted.Id;
                    db.Add(attachment);
                }

                await audit.RecordAsync(new AuditEvent("petitions", "submit", petition.TrackingNumber,
                    $"{PetitionNames.Channel(channel).English}: {petition.CategoryCode}, unit {petition.GridUnitCode ?? "-"}"), ct);
                await db.SaveChangesAsync(ct);
                return 0;
            }, cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Two requests with the same key at once: the other one won; answer with its petition.
            files.Discard(stored);
            db.ChangeTracker.Clear();
            if (await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken) is { } winner)
            {
                return new PetitionIntakeResult(winner, true, new Dictionary<string, BilingualText>());
            }

            throw;
        }
        catch
        {
            files.Discard(stored);
            throw;
        }

        return new PetitionIntakeResult(petition, false, new Dictionary<string, BilingualText>());
    }

    /// <inheritdoc />
    public async Task<PetitionReceipt> FileReferralAsync(PetitionReferralRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await SubmitAsync(new PetitionSubmission(PetitionChannel.Referral)
        {
            CategoryCode = request.CategoryCode,
            Description = request.Description,
            ContactPhone = request.ContactPhone,
            ContactName = request.ContactName,
            GridUnitCode = request.GridUnitCode,
            Source = request.Source,
            IdempotencyKey = request.IdempotencyKey,
        }, null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        }

        if (request.RoomCode is { Length: > 0 } room && !result.Replayed)
        {
            // The room already holds the matter: confirm, assess and send it there as the room, without asking it to accept again.
            var workflow = services.GetRequiredService<PetitionWorkflow>();
            var actor = new PetitionActor($"room:{room}", null, null);
            var id = result.Petition!.Id;
            PetitionCommand[] steps =
            [
                new(PetitionTrigger.Confirm) { Note = request.Source },
                new(PetitionTrigger.Assess) { CategoryCode = request.CategoryCode },
                new(PetitionTrigger.SendToRoom) { Room = room, RoomReference = request.RoomReference ?? request.Source },
            ];
            foreach (var step in steps)
            {
                var done = await workflow.ExecuteAsync(id, step, actor, cancellationToken);
                if (!done.Succeeded)
                {
                    throw new ArgumentException($"{step.Trigger}: " + string.Join(" ", (done.Errors ?? new Dictionary<string, BilingualText>()).Values.Select(e => e.English)));
                }
            }
        }

        return result.Receipt;
    }

    /// <summary>
    /// The unit that takes the case: at reception the receiver's own unit (首问责任); otherwise the located unit's
    /// ancestor at the tenant's intake depth (the community by default), or the top unit when nothing is located.
    /// </summary>
    private async Task<string?> IntakeUnitAsync(PetitionChannel channel, GridUnitInfo? unit, ClaimsPrincipal? user, PetitionSettings settings, CancellationToken cancellationToken)
    {
        if (channel == PetitionChannel.Reception && user?.FindFirstValue(GovClaimTypes.GridUnit) is { Length: > 0 } own)
        {
            return (await grid.FindAsync(own, cancellationToken))?.Code ?? own;
        }

        if (unit is null)
        {
            var tops = await grid.GetChildrenAsync(null, cancellationToken);
            return tops.Count > 0 ? tops[0].Code : null;
        }

        if (unit.Depth <= settings.IntakeDepth)
        {
            return unit.Code;
        }

        var ancestors = await grid.GetAncestorsAsync(unit.Code, cancellationToken);
        return ancestors.FirstOrDefault(a => a.Depth == settings.IntakeDepth)?.Code ?? unit.Code;
    }

    private async Task<long?> FindDuplicateAsync(Petition petition, PetitionSettings settings, CancellationToken cancellationToken)
    {
        if (settings.DuplicateWindowDays <= 0)
        {
            return null;
        }

        var since = petition.ReceivedUtc.AddDays(-settings.DuplicateWindowDays);
        var candidates = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.ContactPhone == petition.ContactPhone && p.ReceivedUtc >= since && p.GridUnitCode == petition.GridUnitCode
                && p.Stage != PetitionStage.Merged && p.Stage != PetitionStage.Rejected)
            .OrderByDescending(p => p.ReceivedUtc).Take(50)
            .Select(p => new { p.Id, p.Description })
            .ToListAsync(cancellationToken);
        return candidates
            .Select(c => (c.Id, Score: PetitionDuplicates.Similarity(c.Description, petition.Description)))
            .Where(c => c.Score >= settings.DuplicateSimilarity)
            .OrderByDescending(c => c.Score)
            .Select(c => (long?)c.Id)
            .FirstOrDefault();
    }

    /// <summary>The tenant's local date and eight random digits: <c>26112648291307</c>. Hard to guess; the phone is asked too.</summary>
    private async Task<string> NewTrackingNumberAsync(DateTime now, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        for (var attempt = 0; ; attempt++)
        {
            var number = local.ToString("yyMMdd", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            if (attempt > 5 || !await db.Set<Petition>().AnyAsync(p => p.TrackingNumber == number, cancellationToken))
            {
                return number;
            }
        }
    }

    private static string TitleOf(string description)
    {
        var line = description.Split('\n', 2)[0].Trim();
        return line.Length <= 30 ? line : line[..30] + "…";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Limit(Dictionary<string, BilingualText> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors[field] = new($"不能超过 {max} 个字。", $"At most {max} characters.");
        }
    }

    private static PetitionIntakeResult Fail(string field, BilingualText message) =>
        new(null, false, new Dictionary<string, BilingualText> { [field] = message });
}
