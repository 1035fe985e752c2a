namespace GovPlatform.Auditing;

/// <summary>
/// The tenant's append-only audit log. Entries are written in the request's <c>TenantDbContext</c>: inside a
/// transaction, they commit or roll back with the change they describe.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry and saves it.</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>A page of entries, newest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every entry the query matches, newest first, for export.</summary>
    IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A recorded entry.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset TimeUtc, string? UserId, string? UserName, string? ClientAddress,
    string Category, string Action, string? Subject, string? Summary, string? Before, string? After);

/// <summary>Filters (all optional, combined with AND) and paging; <see cref="Page"/> counts from 1.</summary>
public sealed record AuditQuery(
    string? Category = null, string? Action = null, string? UserName = null, string? Text = null,
    DateTimeOffset? FromUtc = null, DateTimeOffset? ToUtc = null, int Page = 1, int PageSize = 50);

/// <summary>One page of entries and the total the filters match.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize);
