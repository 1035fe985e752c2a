using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Committees;

/// <summary>A seat as typed: dates as text; the resident unit by id (optional).</summary>
public sealed record SeatInput(string OrganisationName, long? ResidentUnitId, string Representative, string Role, string? StartsOn, string? EndsOn);

/// <summary>A joint committee as typed, with all its seats (a save replaces the seats).</summary>
public sealed record CommitteeInput(string Kind, string Name, string GridUnit, string? TermStartsOn, string? TermEndsOn, IReadOnlyList<SeatInput> Seats);

/// <summary>
/// Validates and saves joint committees (街道大党工委 on a street, 社区大党委 on a community: the kind follows the unit's
/// depth) with their seats: the term's start before its end, each seat's term within it, exactly one secretary when
/// there are seats. Every change is audited (category <c>redgrid</c>).
/// </summary>
public sealed class CommitteeEditor(TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settingsStore, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The checked values of a valid input.</summary>
    public sealed record Parsed(JointCommitteeKind Kind, string GridUnitCode, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<CommitteeSeat> Seats);

    /// <summary>Why <paramref name="input"/> cannot be saved, by field (<c>seats[2].role</c> for a seat's).</summary>
    public async Task<(Dictionary<string, BilingualText> Errors, Parsed? Values)> ValidateAsync(CommitteeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var kindValid = EditChecks.EnumName<JointCommitteeKind>(input.Kind, out var kind);
        if (!kindValid)
        {
            errors["kind"] = new("请选择大党委类型。", "Choose the kind of committee.");
        }

        FieldChecks.Text(errors, "name", input.Name, 100, required: true);
        var unit = string.IsNullOrWhiteSpace(input.GridUnit) ? null : await grid.FindAsync(input.GridUnit.Trim(), cancellationToken);
        if (unit is null)
        {
            errors["gridUnit"] = new("请选择街道或社区。", "Choose the street or community.");
        }
        else if (kindValid)
        {
            var depth = kind == JointCommitteeKind.CommunityCommittee ? settings.CommunityDepth : settings.CommunityDepth - 1;
            if (unit.Depth != depth)
            {
                errors["gridUnit"] = kind == JointCommitteeKind.CommunityCommittee
                    ? new($"社区大党委应建在第 {depth} 级的社区上。", $"A community committee belongs to a community (a unit at level {depth}).")
                    : new($"街道大党工委应建在第 {depth} 级的街道上。", $"A street committee belongs to a street (a unit at level {depth}).");
            }
        }

        var starts = EditChecks.Date(errors, "termStartsOn", input.TermStartsOn, required: true);
        var ends = EditChecks.Date(errors, "termEndsOn", input.TermEndsOn, required: true);
        if (starts is { } s && ends is { } e && e < s)
        {
            errors["termEndsOn"] = new("任期结束日期不能早于开始日期。", "The term cannot end before it starts.");
        }

        var unitIds = input.Seats.Where(x => x.ResidentUnitId is not null).Select(x => x.ResidentUnitId!.Value).Distinct().ToList();
        var knownUnits = unitIds.Count == 0 ? [] : (await db.Set<ResidentUnit>().Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var seats = new List<CommitteeSeat>();
        for (var i = 0; i < input.Seats.Count; i++)
        {
            var seat = input.Seats[i];
            var key = $"seats[{i}]";
            var count = errors.Count;
            FieldChecks.Text(errors, $"{key}.organisationName", seat.OrganisationName, 100, required: true);
            FieldChecks.Text(errors, $"{key}.representative", seat.Representative, 50, required: true);
            if (!EditChecks.EnumName<CommitteeRole>(seat.Role, out var role))
            {
                errors[$"{key}.role"] = new("请选择职务。", "Choose the role.");
            }

            if (seat.ResidentUnitId is { } unitId && !knownUnits.Contains(unitId))
            {
                errors[$"{key}.residentUnit"] = new("没有这个驻区单位。", "There is no such resident unit.");
            }

            // A seat's dates default to the committee's term.
            var seatStarts = string.IsNullOrWhiteSpace(seat.StartsOn) ? starts : EditChecks.Date(errors, $"{key}.startsOn", seat.StartsOn);
            var seatEnds = string.IsNullOrWhiteSpace(seat.EndsOn) ? ends : EditChecks.Date(errors, $"{key}.endsOn", seat.EndsOn);
            if (seatStarts is { } a && seatEnds is { } b)
            {
                if (b < a)
                {
                    errors[$"{key}.endsOn"] = new("结束日期不能早于开始日期。", "The seat cannot end before it starts.");
                }
                else if (starts is { } ts && ends is { } te && (a < ts || b > te))
                {
                    errors[$"{key}.startsOn"] = new("委员任期应在大党委任期之内。", "A seat's term lies within the committee's term.");
                }
            }

            if (errors.Count == count && seatStarts is { } from && seatEnds is { } to)
            {
                seats.Add(new CommitteeSeat
                {
                    OrganisationName = seat.OrganisationName.Trim(),
                    ResidentUnitId = seat.ResidentUnitId,
                    Representative = seat.Representative.Trim(),
                    Role = role,
                    StartsOn = from,
                    EndsOn = to,
                });
            }
        }

        var secretaries = input.Seats.Count(x => x.Role == nameof(CommitteeRole.Secretary));
        if (input.Seats.Count > 0 && secretaries != 1)
        {
            errors["seats"] = new($"大党委应有且只有一名书记（现有 {secretaries} 名）。", $"A committee has exactly one secretary (this list has {secretaries}).");
        }

        return errors.Count > 0 ? (errors, null) : (errors, new Parsed(kind, unit!.Code, starts!.Value, ends!.Value, seats));
    }

    /// <summary>The message of an edit over someone else's change.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这个大党委刚被他人修改，请刷新页面后再改。", "Someone else changed this committee since you opened it; reload the page and make your change again.");

    /// <summary>Adds a committee (<paramref name="id"/> null) or saves one, replacing its seats.</summary>
    public Task<EditResult<JointCommittee>> SaveAsync(long? id, CommitteeInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(id, input, user, ownTransaction: true, cancellationToken);

    /// <summary>Saves committee <paramref name="id"/> opened at <paramref name="version"/>; refused (Stale) when someone changed it since.</summary>
    public Task<EditResult<JointCommittee>> SaveAsync(long id, CommitteeInput input, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(id, input, user, ownTransaction: true, cancellationToken, version);

    /// <summary>The save; the recipe step runs it inside its own transaction (they cannot nest on SQLite). Without a version (recipes) it saves over whatever is there.</summary>
    internal async Task<EditResult<JointCommittee>> SaveCoreAsync(long? id, CommitteeInput input, ClaimsPrincipal? user, bool ownTransaction, CancellationToken cancellationToken, int? version = null)
    {
        var committee = id is null ? new JointCommittee { Version = 1 } : await db.Set<JointCommittee>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (committee is null)
        {
            return new(EditOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        if (id is not null && version is { } opened && committee.Version != opened)
        {
            return new(EditOutcome.Stale, committee, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        var (errors, values) = await ValidateAsync(input, cancellationToken);
        if (values is null)
        {
            return new(EditOutcome.Invalid, committee, errors);
        }

        var current = id is null ? [] : await db.Set<CommitteeSeat>().Where(s => s.CommitteeId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var changed = committee.Kind != values.Kind || committee.Name != input.Name.Trim() || committee.GridUnitCode != values.GridUnitCode
            || committee.TermStartsOn != values.StartsOn || committee.TermEndsOn != values.EndsOn || !SameSeats(current, values.Seats);
        if (!changed)
        {
            return new(EditOutcome.Done, committee, errors);
        }

        committee.Kind = values.Kind;
        committee.Name = input.Name.Trim();
        committee.GridUnitCode = values.GridUnitCode;
        committee.TermStartsOn = values.StartsOn;
        committee.TermEndsOn = values.EndsOn;
        committee.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        if (id is not null)
        {
            // The concurrency token: a save from another editor in between makes this one fail below.
            committee.Version++;
        }

        async Task<bool> WriteAsync(CancellationToken ct)
        {
            if (id is null)
            {
                db.Add(committee);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // InTransactionAsync starts from an empty change tracker: attach the edited committee again, its stored
                // version as the original, so that the update applies only over the version this save read.
                var entry = db.Attach(committee);
                entry.Property(c => c.Version).OriginalValue = committee.Version - 1;
                entry.State = EntityState.Modified;
            }

            db.RemoveRange(current);
            foreach (var seat in values.Seats)
            {
                seat.CommitteeId = committee.Id;
                db.Add(seat);
            }

            await db.SaveChangesAsync(ct);
            return true;
        }

        try
        {
            if (ownTransaction)
            {
                await db.InTransactionAsync(WriteAsync, cancellationToken);
            }
            else
            {
                await WriteAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException) when (ownTransaction)
        {
            db.ChangeTracker.Clear();
            return new(EditOutcome.Stale, null, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, id is null ? "committee-create" : "committee-edit", $"committee:{committee.Id}",
            $"{committee.Name} ({committee.GridUnitCode}), {values.Seats.Count} seats, by {EditChecks.Actor(user)}"), cancellationToken);
        return new(EditOutcome.Done, committee, errors);
    }

    /// <summary>The committee's seats as the editor shows them.</summary>
    public static IEnumerable<SeatInput> Inputs(IEnumerable<CommitteeSeat> seats) => seats.Select(s => new SeatInput(
        s.OrganisationName, s.ResidentUnitId, s.Representative, s.Role.ToString(),
        s.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static bool SameSeats(List<CommitteeSeat> current, IReadOnlyList<CommitteeSeat> wanted) =>
        current.Count == wanted.Count && current.Zip(wanted).All(p => p.First.OrganisationName == p.Second.OrganisationName && p.First.ResidentUnitId == p.Second.ResidentUnitId
            && p.First.Representative == p.Second.Representative && p.First.Role == p.Second.Role && p.First.StartsOn == p.Second.StartsOn && p.First.EndsOn == p.Second.EndsOn);
}
