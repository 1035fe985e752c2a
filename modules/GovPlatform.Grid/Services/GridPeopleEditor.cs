using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using GovPlatform.Localization;
using GovPlatform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Services;

/// <summary>
/// Grid workers and their posts: creating and editing people, assigning them to units, ending assignments, and
/// applying worker imports. Assignments are never edited or deleted: a post ends with a date, so the history stays.
/// </summary>
/// <remarks>Without a user directory (a host without the identity module) no worker can be linked to an account.</remarks>
internal sealed class GridPeopleEditor(
    TenantDbContext db, GridDirectory directory, IAuditLog audit, IHttpContextAccessor http, TimeProvider clock, ITenantUsers? users = null)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<(GridEditResult Result, long Id)> SaveWorkerAsync(long? id, GridWorkerEdit edit, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = edit.Name?.Trim() ?? "";
        var phone = string.IsNullOrWhiteSpace(edit.Phone) ? null : edit.Phone.Trim();
        var userName = string.IsNullOrWhiteSpace(edit.UserName) ? null : edit.UserName.Trim();
        if (name.Length is 0 or > 50)
        {
            errors[nameof(edit.Name)] = Text(new("请填写姓名（不超过 50 字）。", "Enter the name (50 characters at most)."));
        }

        if (phone is not null && !GridPatterns.IsPhone(phone))
        {
            errors[nameof(edit.Phone)] = Text(new("电话号码只能含数字、空格、+ 和 -，5 到 20 位。", "A phone number has 5 to 20 digits, spaces, + or -."));
        }
        else if (phone is not null && (await db.Set<GridWorker>().Where(w => w.Phone != null && w.Id != (id ?? 0)).Select(w => w.Phone!).ToListAsync(cancellationToken))
            .Any(other => GridPatterns.NormalizePhone(other) == GridPatterns.NormalizePhone(phone)))
        {
            errors[nameof(edit.Phone)] = Text(new("已有人员使用这个电话号码。", "Another worker has this phone number."));
        }

        if (userName is not null && (users is null || await users.FindByUserNameAsync(userName, cancellationToken) is null))
        {
            errors[nameof(edit.UserName)] = Text(new($"没有用户名为 {userName} 的账号。", $"There is no user account {userName}."));
        }

        if (!Enum.IsDefined(edit.Kind) || !Enum.IsDefined(edit.Team))
        {
            errors[nameof(edit.Kind)] = Text(new("类别或队伍无效。", "The kind or team is invalid."));
        }

        if (edit.Notes?.Length > 2000)
        {
            errors[nameof(edit.Notes)] = Text(new("备注不超过 2000 字。", "Notes are 2,000 characters at most."));
        }

        GridWorker? worker = null;
        if (id is { } existingId && (worker = await db.Set<GridWorker>().FirstOrDefaultAsync(w => w.Id == existingId, cancellationToken)) is null)
        {
            errors[nameof(edit.Name)] = Text(new("该人员已不存在。", "This worker no longer exists."));
        }

        if (errors.Count > 0)
        {
            return (new GridEditResult(errors, []), 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = worker is null ? null : Snapshot(worker);
        worker ??= db.Set<GridWorker>().Add(new GridWorker { CreatedUtc = now }).Entity;
        worker.Name = name;
        worker.Phone = phone;
        worker.Kind = edit.Kind;
        worker.Team = edit.Team;
        worker.UserName = userName;
        worker.Notes = string.IsNullOrWhiteSpace(edit.Notes) ? null : edit.Notes.Trim();
        worker.Active = edit.Active;
        worker.UpdatedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("grid", before is null ? "create-worker" : "update-worker", worker.Name,
            $"{(before is null ? "Added" : "Edited")} grid worker {worker.Name}", before, Snapshot(worker)), cancellationToken);
        return (GridEditResult.Success(), worker.Id);
    }

    /// <summary>
    /// Gives a worker a post in a unit from <paramref name="start"/>. A new leader ends the current leader's post the
    /// day before (a unit has one leader at a time); the same worker holding the same post already is refused.
    /// </summary>
    public async Task<GridEditResult> AssignAsync(long workerId, string unitCode, GridRole role, DateOnly start, string? note, CancellationToken cancellationToken = default)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        if (tree.Find(unitCode.Trim()) is not { } unit)
        {
            return GridEditResult.Failed("UnitCode", Text(new($"找不到网格 {unitCode}。", $"There is no unit {unitCode}.")));
        }

        if (await db.Set<GridWorker>().FirstOrDefaultAsync(w => w.Id == workerId, cancellationToken) is not { } worker)
        {
            return GridEditResult.Failed("WorkerId", Text(new("该人员已不存在。", "This worker no longer exists.")));
        }

        if (!worker.Active)
        {
            return GridEditResult.Failed("WorkerId", Text(new("该人员已离岗，不能再任职。", "This worker has left and cannot take a post.")));
        }

        if (!Enum.IsDefined(role))
        {
            return GridEditResult.Failed("Role", Text(new("岗位无效。", "The post is invalid.")));
        }

        if (note?.Length > 500)
        {
            return GridEditResult.Failed("Note", Text(new("说明不超过 500 字。", "A note is 500 characters at most.")));
        }

        var current = await db.Set<GridAssignment>()
            .Where(a => a.UnitId == unit.Id && (a.EndDate == null || a.EndDate >= start))
            .ToListAsync(cancellationToken);
        if (current.Any(a => a.WorkerId == workerId && a.Role == role))
        {
            return GridEditResult.Failed("Role", Text(new("此人已在该网格担任这个岗位。", "This worker already holds this post in the unit.")));
        }

        await db.InTransactionAsync(async ct =>
        {
            if (role == GridRole.Leader)
            {
                foreach (var previous in await db.Set<GridAssignment>()
                    .Where(a => a.UnitId == unit.Id && a.Role == GridRole.Leader && (a.EndDate == null || a.EndDate >= start)).ToListAsync(ct))
                {
                    previous.EndDate = previous.StartDate < start ? start.AddDays(-1) : previous.StartDate;
                    previous.Note = Join(previous.Note, $"Replaced as leader from {start:yyyy-MM-dd}");
                }
            }

            db.Set<GridAssignment>().Add(new GridAssignment
            {
                WorkerId = workerId,
                UnitId = unit.Id,
                Role = role,
                StartDate = start,
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
                CreatedBy = UserName(),
            });
            await audit.RecordAsync(new AuditEvent("grid", "assign", unit.Code, $"{worker.Name} assigned to {unit.Code} as {role} from {start:yyyy-MM-dd}"), ct);
            return true;
        }, cancellationToken);
        return GridEditResult.Success();
    }

    /// <summary>Ends a post on <paramref name="end"/> (its last day), which may not be before it began.</summary>
    public async Task<GridEditResult> EndAssignmentAsync(long assignmentId, DateOnly end, string? note, CancellationToken cancellationToken = default)
    {
        if (await db.Set<GridAssignment>().FirstOrDefaultAsync(a => a.Id == assignmentId, cancellationToken) is not { } assignment)
        {
            return GridEditResult.Failed("AssignmentId", Text(new("该任职记录不存在。", "There is no such post.")));
        }

        if (assignment.EndDate is not null && assignment.EndDate < Today)
        {
            return GridEditResult.Failed("EndDate", Text(new("该任职已经结束。", "This post has ended already.")));
        }

        if (end < assignment.StartDate)
        {
            return GridEditResult.Failed("EndDate", Text(new(
                $"结束日期不能早于开始日期 {assignment.StartDate:yyyy-MM-dd}。", $"The end date cannot be before the start date {assignment.StartDate:yyyy-MM-dd}.")));
        }

        assignment.EndDate = end;
        if (!string.IsNullOrWhiteSpace(note))
        {
            assignment.Note = Join(assignment.Note, note.Trim());
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent("grid", "end-assignment", assignmentId.ToString(CultureInfo.InvariantCulture),
            $"Post {assignment.Role} of worker {assignment.WorkerId} in unit {assignment.UnitId} ended on {end:yyyy-MM-dd}"), cancellationToken);
        return GridEditResult.Success();
    }

    /// <summary>The workers an import plan is checked against.</summary>
    public async Task<IReadOnlyList<ExistingWorker>> ExistingAsync(CancellationToken cancellationToken) =>
        await db.Set<GridWorker>().AsNoTracking().Select(w => new ExistingWorker(w.Id, w.Name, w.Phone)).ToListAsync(cancellationToken);

    /// <summary>
    /// Applies a checked worker import in one transaction: new people are added, known ones updated, and each row's
    /// post is added unless the same post (worker, unit, role, start) is there already, so a re-import changes nothing.
    /// </summary>
    public async Task<(int Workers, int Assignments)> ImportAsync(GridWorkerImportPlan plan, string fileName, CancellationToken cancellationToken = default)
    {
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("An import plan with errors cannot be applied.");
        }

        var linked = plan.Workers.Where(w => w.UserName is not null).Select(w => w.UserName!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var userName in linked)
        {
            if (users is null || await users.FindByUserNameAsync(userName, cancellationToken) is null)
            {
                throw new GridImportException(new(
                    $"没有用户名为 {userName} 的账号。", $"There is no user account {userName}."));
            }
        }

        var added = 0;
        await db.InTransactionAsync(async ct =>
        {
            added = 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var ids = plan.Workers.Where(w => w.ExistingId is not null).Select(w => w.ExistingId!.Value).ToList();
            var stored = await db.Set<GridWorker>().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
            var posts = await db.Set<GridAssignment>().Where(a => ids.Contains(a.WorkerId))
                .Select(a => new { a.WorkerId, a.UnitId, a.Role, a.StartDate }).ToListAsync(ct);
            var known = posts.Select(p => (p.WorkerId, p.UnitId, p.Role, p.StartDate)).ToHashSet();
            var workers = new List<(PlannedWorker Plan, GridWorker Entity)>();
            foreach (var planned in plan.Workers)
            {
                var entity = planned.ExistingId is { } id ? stored[id] : db.Set<GridWorker>().Add(new GridWorker { CreatedUtc = now, Active = true }).Entity;
                entity.Name = planned.Name;
                entity.Phone = planned.Phone ?? entity.Phone;
                entity.Kind = planned.Kind;
                entity.Team = planned.Team;
                entity.UserName = planned.UserName ?? entity.UserName;
                entity.Notes = planned.Notes ?? entity.Notes;
                entity.UpdatedUtc = now;
                workers.Add((planned, entity));
            }

            await db.SaveChangesAsync(ct);
            foreach (var (planned, entity) in workers)
            {
                foreach (var post in planned.Assignments)
                {
                    if (known.Add((entity.Id, post.Unit.Id, post.Role, post.StartDate)))
                    {
                        db.Set<GridAssignment>().Add(new GridAssignment
                        {
                            WorkerId = entity.Id,
                            UnitId = post.Unit.Id,
                            Role = post.Role,
                            StartDate = post.StartDate,
                            EndDate = post.EndDate,
                            CreatedUtc = now,
                            CreatedBy = UserName(),
                            Note = $"Imported from {fileName}",
                        });
                        added++;
                    }
                }
            }

            await audit.RecordAsync(new AuditEvent("grid", "import-workers", fileName, $"Imported {plan.Workers.Count} workers and {added} posts"), ct);
            return true;
        }, cancellationToken);
        return (plan.Workers.Count, added);
    }

    private static JsonObject Snapshot(GridWorker worker) => new()
    {
        ["name"] = worker.Name,
        ["phone"] = worker.Phone,
        ["kind"] = worker.Kind.ToString(),
        ["team"] = worker.Team.ToString(),
        ["userName"] = worker.UserName,
        ["active"] = worker.Active,
    };

    private static string Join(string? note, string addition) => note is null ? addition : $"{note}; {addition}";

    private string? UserName() => http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? http.HttpContext?.User.Identity?.Name;

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}
