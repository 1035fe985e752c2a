using System.Runtime.CompilerServices;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Core.Auditing;

/// <summary>
/// The tenant's audit log in <c>gp_audit</c>. An entry is inserted with its own statement on the request's connection,
/// so it joins the transaction the caller has open and never flushes the caller's other pending changes.
/// </summary>
internal sealed class AuditLog(TenantDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider clock) : IAuditLog
{
    private const int MaxPageSize = 500;

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var http = httpContextAccessor.HttpContext;
        var user = http?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var userId = signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var userName = signedIn ? user!.Identity!.Name : http is null ? "system" : null;
        var address = http?.Connection.RemoteIpAddress?.ToString();
        var time = UtcDateTimeConverter.ToStored(clock.GetUtcNow().UtcDateTime);
        var before = auditEvent.Before?.ToJsonString();
        var after = auditEvent.After?.ToJsonString();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO gp_audit (time_utc, user_id, user_name, client_address, category, action, subject, summary, before_json, after_json)
            VALUES ({time}, {userId}, {userName}, {address}, {auditEvent.Category}, {auditEvent.Action}, {auditEvent.Subject}, {auditEvent.Summary}, {before}, {after})
            """,
            cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var filtered = Filter(query);
        var total = await filtered.CountAsync(cancellationToken);
        var records = await filtered.OrderByDescending(a => a.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new AuditPage([.. records.Select(ToEntry)], total, page, size);
    }

    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await foreach (var record in Filter(query).OrderByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToEntry(record);
        }
    }

    private IQueryable<AuditRecord> Filter(AuditQuery query)
    {
        var records = db.Set<AuditRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            records = records.Where(a => a.Category == query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            records = records.Where(a => a.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            records = records.Where(a => a.UserName == query.UserName);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            records = records.Where(a => (a.Subject != null && a.Subject.Contains(text)) || (a.Summary != null && a.Summary.Contains(text)));
        }

        if (query.FromUtc is { } from)
        {
            var fromUtc = from.UtcDateTime;
            records = records.Where(a => a.TimeUtc >= fromUtc);
        }

        if (query.ToUtc is { } to)
        {
            var toUtc = to.UtcDateTime;
            records = records.Where(a => a.TimeUtc < toUtc);
        }

        return records;
    }

    private static AuditEntry ToEntry(AuditRecord r) => new(
        r.Id, new DateTimeOffset(r.TimeUtc, TimeSpan.Zero), r.UserId, r.UserName, r.ClientAddress,
        r.Category, r.Action, r.Subject, r.Summary, r.Before, r.After);
}
